// The README's test command. With TEST_DATABASE_URL (or DATABASE_URL) it migrates one
// template database on that server, and every test file clones it into a database of its
// own; without one, every test file runs on its own in-memory embedded Postgres, a copy of
// one migrated here (initdb is most of an embedded database's start: 5 s of CPU, a copy 1 s).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase } from '../src/db/connect.ts';
import { createMigratedDatabase } from '../src/db/create-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { planBrowserTests } from './browser-tests.ts';

/**
 * Writes `empty.tar` (a new embedded cluster) and `migrated.tar` (the same, migrated) into
 * `dir`: the data directories test/helpers/database.ts starts each database from.
 */
async function writeEmbeddedTemplates(dir: string): Promise<void> {
  const handle = await connectDatabase({ dataDir: 'memory://' });
  try {
    const write = async (name: string) => fs.writeFileSync(path.join(dir, name), Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
    await write('empty.tar');
    await migrateToLatest(handle.db);
    await write('migrated.tar');
  } finally {
    await handle.close();
  }
}

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findTests(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const filters = process.argv.slice(2);
const chosen = findTests('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
const plan = planBrowserTests(chosen, process.env);
if (plan.kind === 'fail') {
  console.error(`error: ${plan.message}`);
  process.exit(1);
}
const files = plan.files;
if (files.length === 0) {
  // node --test given no file would search the whole tree for tests of its own.
  console.log(plan.kind === 'skip' ? plan.message : `No test file matches ${filters.join(', ')}.`);
  process.exit(plan.kind === 'skip' ? 0 : 1);
}
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };
delete env.DATABASE_URL;

let template: string | undefined;
let embeddedTemplates: string | undefined;
if (serverUrl) {
  template = `verbatim_template_${process.pid}`;
  const url = new URL(await createMigratedDatabase(serverUrl, template));
  Object.assign(env, { TEST_DATABASE_URL: serverUrl, TEST_TEMPLATE_DB: template });
  console.log(`Tests run on PostgreSQL at ${url.host}, each file in a clone of ${template}`);
} else {
  delete env.TEST_DATABASE_URL;
  embeddedTemplates = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-test-templates-'));
  await writeEmbeddedTemplates(embeddedTemplates);
  env.TEST_EMBEDDED_TEMPLATES = embeddedTemplates;
  console.log('Tests run on embedded PostgreSQL (PGlite), in memory, one per test file, each a copy of one migrated database');
}

// The runner's own report (spec on a terminal, TAP otherwise, as Node picks by default),
// and on stderr the slowest files.
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/slowest-test-files.mjs', '--test-reporter-destination=stderr',
];
// Ctrl-C reaches the test runner too: let it stop, then drop the templates below.
process.on('SIGINT', () => {});
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files], { stdio: 'inherit', env });

if (embeddedTemplates) fs.rmSync(embeddedTemplates, { recursive: true, force: true });
if (template && serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.end();
}
// Last, where it is seen after the runner's report.
if (plan.kind === 'skip') console.log(plan.message);
process.exit(result.status ?? 1);
