import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { ROLE_ABILITIES, RoleRequiredError, aRole } from '../auth/role-required.ts';
import { HttpError, InputError, NotFoundError, ServiceBusyError, StaleVersionError } from './errors.ts';

interface ErrorBody {
  status: number;
  error: string;
  issues?: { field: string; message: string }[];
  /** 409 only: the entity as it is now and as the request wanted it. */
  current?: Record<string, unknown>;
  submitted?: Record<string, unknown>;
}

/**
 * A Postgres data exception (SQLSTATE class 22: 22P05 untranslatable character, 22021 bad
 * byte sequence, 22008 datetime overflow, 22003 numeric out of range, ...) is a value the
 * database refused. Input is validated before any query, so one reaching here is a gap in
 * that validation: it is still the request's value at fault, never the server (400).
 * Errors from pg and from PGlite's adapter both carry `code` and `severity`.
 */
export function isDataException(err: unknown): err is { code: string } {
  const e = err as { code?: unknown; severity?: unknown } | null;
  return typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === 'string';
}

const DATA_EXCEPTION_MESSAGE = 'A value in the request cannot be stored or compared (out of range, or characters that are not allowed)';

/**
 * A cookie-authenticated API write without the session's CSRF token, said in API terms: the
 * header to send and where the token comes from (both answers carry `csrfToken`).
 */
export const API_CSRF_MESSAGE = 'missing or invalid x-csrf-token header: get one from POST /api/login or GET /api/session (the csrfToken field)';
const FORM_CSRF_MESSAGE = 'The form expired or was not sent from this site; reload the page and try again';

/**
 * The answer for an error: status, message for people, and the fields at fault. `api`: the
 * request is an API call (wantsJson), so a CSRF refusal names the header, not a form.
 * body-parser, multer and csrf-sync raise errors with a status (or a code) of their own.
 */
export function describeError(err: unknown, api = false): ErrorBody {
  if (err instanceof InputError) return { status: err.status, error: err.message, issues: err.issues };
  if (err instanceof StaleVersionError) return { status: 409, error: err.message, current: err.current, submitted: err.submitted };
  if (err instanceof HttpError) return { status: err.status, error: err.expose ? err.message : 'Request failed' };
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  if (e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE') {
    return { status: 413, error: 'The upload is too large' };
  }
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) return { status: 400, error: e.message ?? 'Bad upload' };
  if (isDataException(err)) return { status: 400, error: DATA_EXCEPTION_MESSAGE };
  if (e?.code === 'EBADCSRFTOKEN') return { status: 403, error: api ? API_CSRF_MESSAGE : FORM_CSRF_MESSAGE };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const messages: Record<string, string> = {
      'entity.too.large': 'The request body is too large',
      'entity.parse.failed': 'The request body is not valid JSON',
      'encoding.unsupported': 'Unsupported request encoding',
    };
    return { status, error: messages[e.type ?? ''] ?? e.message ?? 'Bad request' };
  }
  return { status: 500, error: 'Something went wrong on our side. The error has been logged.' };
}

/** The path of the page the request came from, on this site only (else '/'). */
function refererPath(referer: string | undefined): string {
  try {
    const url = new URL(referer ?? '/', 'http://x');
    return url.pathname.startsWith('/') && !url.pathname.startsWith('//') ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}

/** A version shown on the conflict page: its fields, one per line, without internal keys. */
function prettyJson(view: Record<string, unknown>): { field: string; value: string }[] {
  return Object.entries(view).map(([field, value]) => ({ field, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}

export function wantsJson(req: Parameters<RequestHandler>[0]): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`Page ${req.path}`));
}

/**
 * The 403 page of a role-gated page (views/role-required.hbs): the role needed, what it
 * allows, the user's own role, and whom to ask (the admins' usernames; "an admin of this
 * site" when none can be read).
 */
async function renderRoleRequired(res: Parameters<ErrorRequestHandler>[2], err: RoleRequiredError, adminNames: () => Promise<string[]>, logger: Logger) {
  const admins = await adminNames().catch((e: unknown) => {
    logger.warn({ err: e }, 'could not read the admin usernames for the 403 page');
    return [];
  });
  res.render('role-required', {
    title: `Needs the ${err.needed} role`,
    needed: err.needed,
    neededAbilities: ROLE_ABILITIES[err.needed],
    current: aRole(err.current),
    admins,
  });
}

/** `adminNames`: the usernames the 403 page names as whom to ask for a role (none: "an admin of this site"). */
export function errorHandler(logger: Logger, adminNames: () => Promise<string[]> = async () => []): ErrorRequestHandler {
  return async (err, req, res, next) => {
    const body = describeError(err, wantsJson(req));
    if (body.status >= 500) logger.error({ err, url: req.originalUrl }, 'request failed');
    else if (isDataException(err)) logger.warn({ code: err.code, err, url: req.originalUrl }, 'the database refused a value of the request');
    if (res.headersSent) return next(err);
    res.status(body.status);
    if (err instanceof ServiceBusyError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (wantsJson(req)) {
      res.json(body);
      return;
    }
    if (err instanceof StaleVersionError) {
      res.render('conflict', { title: 'Edit conflict', error: body.error, back: refererPath(req.get('referer')), current: prettyJson(err.current), submitted: prettyJson(err.submitted) });
      return;
    }
    if (err instanceof RoleRequiredError) {
      await renderRoleRequired(res, err, adminNames, logger);
      return;
    }
    res.render('error', { title: body.status === 404 ? 'Not found' : 'Error', ...body });
  };
}
