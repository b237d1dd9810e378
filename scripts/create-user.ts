// npm run create-user -- USERNAME [--role reader|annotator|editor|admin]
// Reads the password from standard input (one line), or makes one up and prints it when
// standard input is a terminal or empty. An existing user gets the new password and role,
// and every session of theirs ends (whoever knew the old password is logged out).
import { ROLES, type Role, passwordSchema, usernameSchema } from '../src/auth/auth.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { endSessionsOfUser, upsertUser } from '../src/auth/users.queries.ts';
import { randomBytes } from 'node:crypto';
import { fail, openCliDatabase } from './cli-database.ts';

const USAGE = `usage: npm run create-user -- USERNAME [--role ${ROLES.join('|')}]   (password on standard input)`;

function parseArgs(argv: string[]): { username: string; role: Role } {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) fail(USAGE, 2);
  let role: Role = 'editor';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--role' && ROLES.includes(rest[i + 1] as Role)) role = rest[++i] as Role;
    else fail(`${rest[i] === '--role' ? `--role must be one of ${ROLES.join(', ')}` : `unknown argument ${rest[i]}`}\n${USAGE}`, 2);
  }
  const username = usernameSchema.safeParse(name);
  if (!username.success) fail(`username ${username.error.issues[0]!.message}`, 2);
  return { username: username.data, role };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const { username, role } = parseArgs(process.argv.slice(2));
const typed = await readStdin();
const password = typed || randomBytes(12).toString('base64url');
const valid = passwordSchema.safeParse(password);
if (!valid.success) fail(`password ${valid.error.issues[0]!.message}`, 2);

const handle = await openCliDatabase();
try {
  const hash = await hashPassword(password);
  const r = await handle.db.transaction().execute(async (trx) => {
    const user = await upsertUser(trx, username, hash, role);
    return { ...user, ended: user.created ? 0 : await endSessionsOfUser(trx, user.id) };
  });
  const ended = r.ended ? `; ended ${r.ended} session${r.ended === 1 ? '' : 's'}` : '';
  console.log(`${r.created ? 'created' : 'updated'} user ${username} (${role})${typed ? '' : ` with password ${password}`}${ended}`);
} finally {
  await handle.close();
}
