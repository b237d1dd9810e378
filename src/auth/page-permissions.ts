import type { RequestHandler } from 'express';
import { ADD_ARTICLES } from '../articles/articles.routes.ts';
import { READ_AUDIT } from '../audit/audit.routes.ts';
import { MANAGE_IMPORTS } from '../imports/imports.routes.ts';
import { SUGGEST_ROLE } from '../review/review.api.routes.ts';
import { hasRole } from './auth.ts';
import { MANAGE_USERS } from './users.routes.ts';

/** Which role-gated pages the user may open: the header and the home page link only to those. */
export interface PagePermissions {
  addArticles: boolean;
  review: boolean;
  manageUsers: boolean;
  readAudit: boolean;
  manageImports: boolean;
}

/** The permissions of `user` (none for a visitor), from the roles the routes themselves require. */
export function pagePermissions(user: Express.User | undefined): PagePermissions {
  return {
    addArticles: hasRole(user, ADD_ARTICLES),
    review: hasRole(user, SUGGEST_ROLE),
    manageUsers: hasRole(user, MANAGE_USERS),
    readAudit: hasRole(user, READ_AUDIT),
    manageImports: hasRole(user, MANAGE_IMPORTS),
  };
}

/** Sets `res.locals.can` (PagePermissions) for every page; mount after the user is known. */
export const permissionLocals: RequestHandler = (req, res, next) => {
  res.locals.can = pagePermissions(req.user);
  next();
};
