// npm run reextract -- [--all] [--since DATE] [--outlet NAME] [--inline] [--no-wait]: runs the
// current extractor again over stored articles (by default those an older extractor version
// read), through the import queue: workers (npm run worker) replace the machine's statements
// and keep every statement a person reviewed, corrected, annotated or suggested a change to.
// With --inline, or on the embedded database, this process does it.
import { parseArgs } from 'node:util';
import { createReextraction, describeSelection, type ReextractSelection } from '../src/imports/reextract-selection.ts';
import { fail } from './cli-database.ts';
import { progressLine } from './import-progress.ts';
import { followImport, openImportSession, recordPlace } from './import-session.ts';

const USAGE = 'usage: npm run reextract -- [--all] [--since YYYY-MM-DD] [--outlet NAME] [--inline] [--no-wait]';
let values: { all: boolean; since?: string; outlet?: string; inline: boolean; 'no-wait': boolean };
try {
  values = parseArgs({
    allowPositionals: false,
    options: {
      all: { type: 'boolean', default: false },
      since: { type: 'string' },
      outlet: { type: 'string' },
      inline: { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
    },
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const selection: ReextractSelection = { all: values.all };
if (values.since !== undefined) {
  const since = /^\d{4}-\d{2}-\d{2}$/.test(values.since) ? new Date(`${values.since}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(since.getTime()) || since.toISOString().slice(0, 10) !== values.since) fail(`--since: must be a date like 2026-01-31, not "${values.since}"\n${USAGE}`, 2);
  selection.since = since;
}
if (values.outlet !== undefined) {
  if (!values.outlet.trim()) fail(`--outlet: must name an outlet\n${USAGE}`, 2);
  selection.outlet = values.outlet.trim();
}

const session = await openImportSession('reextract', values.inline);
let exitCode = 0;
try {
  const { importId, articles } = await createReextraction(session.handle.writeDb, session.boss, selection);
  session.reporter.log(`import ${importId}: ${describeSelection(selection)}: ${articles} articles${session.boss ? ' queued for the workers (npm run worker)' : ''}`);
  if (!(values['no-wait'] && session.boss)) {
    const { progress, errors } = await followImport(session, importId);
    for (const e of errors) session.reporter.log(`${recordPlace(e.source, e.position)}: failed after ${e.attempts} tries, left as it was: ${e.error}`);
    session.reporter.stop();
    console.log(`import ${importId}: ${progressLine(progress)}`);
    if (progress.failed > 0) exitCode = 1;
  }
} finally {
  await session.close();
}
process.exit(exitCode);
