// npm run migrate: applies pending migrations to DATABASE_URL (or the embedded database).
import { openCliDatabase, fail } from './cli-database.ts';

try {
  const handle = await openCliDatabase('migrate');
  console.log(`${handle.kind} database is at the latest migration`);
  await handle.close();
} catch (err) {
  fail((err as Error).message);
}
