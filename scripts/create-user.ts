// npm run create-user -- USERNAME [--role reader|annotator|editor|admin] [--token [--token-name NAME]]
// Reads the password from standard input (one line), or makes one up and prints it when
// standard input is a terminal or empty. An existing user gets the new password (and the
// role --role names; without it they keep theirs), every session of theirs ends and every
// API token is revoked (whoever knew the old password is logged out and cut off).
// --token also creates a personal API token for the user and prints it (once: only its
// hash is stored). With --token, an existing user keeps their password unless one comes on
// standard input, and their role unless --role is given: asking for a token resets nothing.
import { ROLES, type Role, passwordSchema, usernameSchema } from '../src/auth/auth.ts';
import { createTokenFor } from '../src/auth/account.ts';
import { revokeTokensOfUser } from '../src/auth/api-tokens.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { endSessionsOfUser, findUserForLogin, upsertUser } from '../src/auth/users.queries.ts';
import { recordAudit } from '../src/audit/audit.queries.ts';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { fail, openCliDatabase } from './cli-database.ts';

const USAGE = `usage: npm run create-user -- USERNAME [--role ${ROLES.join('|')}] [--token [--token-name NAME]]   (password on standard input)`;

interface Args {
  username: string;
  role: Role;
  roleGiven: boolean;
  token: boolean;
  tokenName: string;
}

function parseArgs(argv: string[]): Args {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) fail(USAGE, 2);
  const args = { role: 'editor' as Role, roleGiven: false, token: false, tokenName: `create-user ${new Date().toISOString().slice(0, 10)}` };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--role' && ROLES.includes(rest[i + 1] as Role)) Object.assign(args, { role: rest[++i], roleGiven: true });
    else if (rest[i] === '--token') args.token = true;
    else if (rest[i] === '--token-name' && /^[^\u0000-\u001f\u007f]{1,100}$/u.test(rest[i + 1]?.trim() ?? '')) args.tokenName = rest[++i]!.trim();
    else if (rest[i] === '--token-name') fail(`--token-name needs a name of 1 to 100 characters\n${USAGE}`, 2);
    else fail(`${rest[i] === '--role' ? `--role must be one of ${ROLES.join(', ')}` : `unknown argument ${rest[i]}`}\n${USAGE}`, 2);
  }
  const username = usernameSchema.safeParse(name);
  if (!username.success) fail(`username ${username.error.issues[0]!.message}`, 2);
  return { ...args, username: username.data };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const { username, role, roleGiven, token, tokenName } = parseArgs(process.argv.slice(2));
const typed = await readStdin();
const password = typed || randomBytes(12).toString('base64url');
const valid = passwordSchema.safeParse(password);
if (!valid.success) fail(`password ${valid.error.issues[0]!.message}`, 2);

const handle = await openCliDatabase('create-user');
try {
  const existing = await findUserForLogin(handle.db, username);
  // A token for an existing user, with no password given: the password stays as it is
  // (and the role too, unless --role names one).
  const setPassword = !token || !existing || typed !== '';
  // An existing user keeps their role unless --role names one: a reset must not promote or demote.
  const newRole = existing && !roleGiven ? existing.role : role;
  const hash = setPassword ? await hashPassword(password) : '';
  const before = existing ? { id: existing.id, username: existing.username, role: existing.role, disabled: existing.disabled } : null;
  const r = await handle.db.transaction().execute(async (trx) => {
    let user = { id: existing?.id ?? 0, created: false, ended: 0, revoked: 0 };
    if (setPassword) {
      const saved = await upsertUser(trx, username, hash, newRole);
      const ended = saved.created ? 0 : await endSessionsOfUser(trx, saved.id);
      const revoked = saved.created ? 0 : await revokeTokensOfUser(trx, saved.id);
      user = { ...saved, ended, revoked };
      const after = { id: saved.id, username, role: newRole, disabled: false, sessionsEnded: ended, tokensRevoked: revoked };
      await recordAudit(trx, { userId: null, action: saved.created ? 'create' : 'reset_password', entityType: 'user', entityId: saved.id, before, after });
    } else if (newRole !== existing!.role) {
      await trx.updateTable('users').set({ role: newRole, version: sql`version + 1` }).where('id', '=', existing!.id).execute();
      await recordAudit(trx, { userId: null, action: 'change_role', entityType: 'user', entityId: existing!.id, before, after: { ...before, role: newRole } });
    }
    const created = token ? await createTokenFor(trx, { id: user.id, username, role: newRole }, tokenName) : undefined;
    return { ...user, token: created?.token };
  });
  if (setPassword) {
    const ended = r.ended ? `; ended ${r.ended} session${r.ended === 1 ? '' : 's'}` : '';
    const revoked = r.revoked ? `; revoked ${r.revoked} API token${r.revoked === 1 ? '' : 's'}` : '';
    console.log(`${r.created ? 'created' : 'updated'} user ${username} (${newRole})${typed ? '' : ` with password ${password}`}${ended}${revoked}`);
  } else {
    const disabled = existing!.disabled ? '; the account is DISABLED: the token works once an admin enables it' : '';
    console.log(`user ${existing!.username} (${newRole}) keeps its password${disabled}`);
  }
  if (r.token) console.log(`API token "${tokenName}" (shown once; send it as Authorization: Bearer): ${r.token}`);
} finally {
  await handle.close();
}
