// npm run import -- [options] PATH...: imports articles from NDJSON (.jsonl/.ndjson, one API
// article object per line), .json, CSV with a header (--map for other column names), .txt
// and .html files, folders (recursively) and WARC/WARC.gz files; `-` reads NDJSON from stdin.
// On a PostgreSQL server the records go to the queue and `npm run worker` processes store them
// (this waits and shows progress unless --no-wait); with --inline, or on the embedded
// database, this process stores them. Running it again with the same inputs resumes an
// unfinished import; importing an archive again stores nothing new.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createImport, findResumableImport } from '../src/imports/imports.queries.ts';
import { enqueueImport } from '../src/imports/enqueue-import.ts';
import { enqueueRecordsWithoutJob } from '../src/imports/queue.ts';
import { InputError } from '../src/http/errors.ts';
import { inputsFingerprint, parseFieldMap, readInputs, type ReadOptions } from '../src/imports/read/index.ts';
import { fail } from './cli-database.ts';
import { progressLine } from './import-progress.ts';
import { followImport, openImportSession, recordPlace } from './import-session.ts';

const USAGE = `usage: npm run import -- [--inline] [--no-wait] [--map field=column,...] [--errors FILE] [--allow-errors] PATH...
  PATH: .jsonl/.ndjson, .json, .csv, .txt, .html, .warc, .warc.gz files, folders, or - for NDJSON on stdin`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      inline: { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
      map: { type: 'string' },
      errors: { type: 'string' },
      'allow-errors': { type: 'boolean', default: false },
    },
  });
}
try {
  args = parse();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const paths = args.positionals;
if (paths.length === 0) fail(USAGE, 2);
const missing = paths.filter((p) => p !== '-' && !fs.existsSync(p));
if (missing.length) fail(`no such file or folder: ${missing.join(', ')}`, 2);
if (paths.filter((p) => p === '-').length > 1) fail('- (stdin) can be given once', 2);
const options: ReadOptions = { stdin: process.stdin };
try {
  if (args.values.map !== undefined) options.map = parseFieldMap(args.values.map);
} catch (err) {
  if (err instanceof InputError) fail(`--map: ${err.issues.map((i) => i.message).join('; ')}\n${USAGE}`, 2);
  throw err;
}
let errorsFd: number | undefined;
try {
  if (args.values.errors) errorsFd = fs.openSync(args.values.errors, 'w');
} catch (err) {
  fail(`--errors: cannot write ${args.values.errors}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 2);
}
const writeError = (e: { source: string; position: string; state: string; field: string | null; message: string }) => {
  if (errorsFd !== undefined) fs.writeSync(errorsFd, `${JSON.stringify(e)}\n`);
};

const session = await openImportSession('import', args.values.inline);
let exitCode = 0;
let rejected = 0;
try {
  const db = session.handle.db;
  const fingerprint = await inputsFingerprint(paths, options);
  const resumed = fingerprint ? await findResumableImport(db, fingerprint) : undefined;
  const importId = resumed?.id ?? (await createImport(db, { kind: 'import', label: paths.join(' '), fingerprint, options: { map: options.map ?? null } }));
  session.reporter.log(resumed ? `resuming import ${importId}, which did not finish: records already read are not read again` : `import ${importId}`);
  await enqueueImport(session.handle.writeDb, importId, readInputs(paths, options), {
    boss: session.boss,
    onRejected: (r) => {
      rejected++;
      session.reporter.log(`${recordPlace(r.source, r.position)}: ${r.error.field}: ${r.error.message}`);
      writeError({ source: r.source, position: r.position, state: 'rejected', field: r.error.field, message: r.error.message });
    },
    onQueued: session.boss ? undefined : (ids) => session.processInline(ids),
  });
  if (resumed && session.boss) {
    // An inline run killed after a batch left its records queued with no job for a worker.
    const orphans = await enqueueRecordsWithoutJob(session.boss, session.handle.writeDb, importId);
    if (orphans) session.reporter.log(`import ${importId}: ${orphans} records read by an earlier run (inline) are queued for the workers`);
  }
  if (args.values['no-wait'] && session.boss) {
    session.reporter.log(`import ${importId}: every record is queued; workers (npm run worker) store them; follow it at /admin/imports/${importId}`);
    if (rejected > 0 && !args.values['allow-errors']) exitCode = 1;
  } else {
    if (session.boss) session.reporter.log(`import ${importId}: every record is queued; waiting for the workers (Ctrl-C stops waiting, not the import)`);
    const { progress, errors } = await followImport(session, importId);
    for (const e of errors.filter((x) => x.state === 'failed')) {
      session.reporter.log(`${recordPlace(e.source, e.position)}: failed after ${e.attempts} tries: ${e.errorField ? `${e.errorField}: ` : ''}${e.error}`);
      writeError({ source: e.source, position: e.position, state: 'failed', field: e.errorField, message: e.error ?? '' });
    }
    session.reporter.stop();
    console.log(`import ${importId}: ${progressLine(progress)}`);
    if (progress.failed + progress.rejected > 0 && !args.values['allow-errors']) exitCode = 1;
  }
} finally {
  if (errorsFd !== undefined) fs.closeSync(errorsFd);
  await session.close();
}
process.exit(exitCode);
