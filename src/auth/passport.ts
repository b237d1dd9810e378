import type { Kysely } from 'kysely';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Database } from '../db/database.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { findActiveUser, findUserForLogin } from './users.queries.ts';

/** Username and password against the users table; the session holds only the user id. */
export function createPassport(db: Kysely<Database>): passport.Authenticator {
  // An instance per app (not the module's global one): tests build many apps.
  const authenticator = new passport.Authenticator();
  authenticator.use(
    new LocalStrategy((username, password, done) => {
      (async () => {
        const user = await findUserForLogin(db, username);
        // An unknown name costs one hash check too, so timing does not reveal which names exist.
        const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
        if (!user || !ok || user.disabled) return done(null, false);
        done(null, { id: user.id, username: user.username, role: user.role });
      })().catch(done);
    }),
  );
  authenticator.serializeUser((user, done) => done(null, user.id));
  authenticator.deserializeUser((id: number, done) => {
    findActiveUser(db, id).then((user) => done(null, user ?? false), done);
  });
  return authenticator;
}
