// The README's test command. With TEST_DATABASE_URL (or DATABASE_URL) it migrates one
// template database on that server, and every test file clones it into a database of its
// own; without one, every test file runs on its own in-memory embedded Postgres.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createMigratedDatabase } from '../src/db/create-database.ts';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findTests(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const filters = process.argv.slice(2);
const files = findTests('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
delete env.DATABASE_URL;

let template: string | undefined;
if (serverUrl) {
  template = `verbatim_template_${process.pid}`;
  const url = new URL(await createMigratedDatabase(serverUrl, template));
  Object.assign(env, { TEST_DATABASE_URL: serverUrl, TEST_TEMPLATE_DB: template });
  console.log(`Tests run on PostgreSQL at ${url.host}, each file in a clone of ${template}`);
} else {
  delete env.TEST_DATABASE_URL;
  console.log('Tests run on embedded PostgreSQL (PGlite), in memory, one per test file');
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });

if (template && serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.end();
}
process.exit(result.status ?? 1);
