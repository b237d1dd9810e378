import { HttpError } from '../http/errors.ts';
import type { Role } from './auth.ts';

/** What each role adds to the one before it, in the words the 403 page uses. */
export const ROLE_ABILITIES: Record<Role, string> = {
  reader: 'read, search and export',
  annotator: 'annotate statements and suggest corrections (the review queue)',
  editor: 'add and delete articles, review attributions and edit speakers',
  admin: 'manage user accounts and read the audit log',
};

/** "a reader", "an editor": the article English puts before a role's name. */
export function aRole(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

/**
 * A logged-in user whose role is below the one a page or endpoint needs: 403. The message
 * names the role needed, the user's role and whom to ask (JSON and HTML alike); the HTML
 * error page adds the admins' usernames (views/role-required.hbs).
 */
export class RoleRequiredError extends HttpError {
  constructor(
    public readonly needed: Role,
    public readonly current: Role,
    what = 'This',
  ) {
    super(403, `${what} needs the ${needed} role (or a higher one); you are ${aRole(current)}. Ask an admin of this site to change your role.`);
  }
}
