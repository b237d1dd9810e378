import type { Express } from 'express';
import type { Role } from '../../src/auth/auth.ts';

/**
 * Every route of the app that is not a read (GET/HEAD), as `METHOD /path` in Express' own
 * notation ("POST /api/statements/:id/verify"), found by walking the app's router, so a route
 * added later shows up here whether or not anyone remembered to test it.
 */
export function writeRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== 'get' && method !== 'head' && method !== '_all') found.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return [...new Set(found)].sort();
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Who makes a request in the matrix. */
export const ACTORS = [
  'anonymous',
  'reader',
  'annotator',
  'editor',
  'admin',
  'disabled',
  'noCsrf',
  'wrongCsrf',
  'otherUser',
  'token',
  'revokedToken',
] as const;
export type Actor = (typeof ACTORS)[number];

/** A request one actor makes: the concrete path, and the body (JSON for /api, else a form). */
export interface PreparedRequest {
  path: string;
  body?: Record<string, unknown>;
  /** Send the form as multipart/form-data (an upload form) instead of urlencoded. */
  multipart?: boolean;
}

/** The user a request is prepared for (the actor, or the owner of the resource another user tries). */
export interface Owner {
  id: number;
  role: Role;
}

export interface RouteSpec {
  /** The least role that may use the route; 'public' for the log-in/out routes anyone may call. */
  role: Role | 'public';
  /** Statuses that mean the write was done (201 created, 303 redirect after a form, ...). */
  ok: number[];
  /**
   * The route acts on a resource that belongs to one user (an annotation, a token): another
   * user of the same role gets this status (403 for a shared thing, 404 for a private one).
   */
  otherUserStatus?: number;
  /**
   * What a valid API token of the needed role gets, when not `ok`: 403 for the routes that
   * need a logged-in session (minting a token, changing the password).
   */
  tokenStatus?: number;
  /** Builds a fresh target for one request by `owner` (a new statement, annotation, ...). */
  prepare: (owner: Owner) => Promise<PreparedRequest>;
}
