// npm run export -- [--q WORDS] [--speaker NAME] [any other search parameter as --name VALUE]
//                   [--queue review [--article ID] [--minConfidence 0.2] ...]
//                   [--format csv|csljson|ris|bibtex] [--style apa] [--bom] [--meta]
//                   [--as USERNAME] [--out FILE]
// Writes the same export as GET /api/export.<extension> with the same parameters, to FILE
// (written whole, or not at all) or to standard output. Progress goes to standard error: a bar
// with rows/s on a terminal, a plain count line otherwise.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { SessionUser } from '../src/auth/auth.ts';
import { findActiveUser } from '../src/auth/users.queries.ts';
import { loadConfig } from '../src/config.ts';
import { loadCitationStyles } from '../src/export/citation.ts';
import { EXPORT_FORMATS, type ExportFormatName } from '../src/export/export-formats.ts';
import { exportMetaLines, parseExportQuery } from '../src/export/export-query.ts';
import { countSelection } from '../src/export/export-selection.ts';
import { writeExport } from '../src/export/run-export.ts';
import { InputError } from '../src/http/errors.ts';
import { searchParamsSchema } from '../src/search/search.ts';
import { fail, openCliDatabase } from './cli-database.ts';

const USAGE = 'usage: npm run export -- [--q WORDS] [--speaker NAME] [--outlet NAME] [--from YYYY-MM-DD] [... any search parameter]\n'
  + '         [--queue review] [--format csv|csljson|ris|bibtex] [--style NAME] [--bom] [--meta] [--as USERNAME] [--out FILE]';
/** Every parameter a search or the review queue takes, as --name VALUE (paging ones are refused by the parser). */
const LISTING_KEYS = [...new Set([...Object.keys(searchParamsSchema.shape), 'minConfidence', 'maxConfidence'])];

let parsed;
try {
  parsed = parseArgs({
    options: {
      ...Object.fromEntries(LISTING_KEYS.map((k) => [k, { type: 'string' as const }])),
      style: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string', default: 'csv' },
      out: { type: 'string' }, as: { type: 'string' }, bom: { type: 'boolean' }, meta: { type: 'boolean' }, help: { type: 'boolean' },
    },
    allowPositionals: false,
    tokens: true,
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
// As the API refuses a repeated parameter, so does the command line (parseArgs keeps the last).
const given = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
const repeated = [...new Set(given.filter((name, i) => given.indexOf(name) !== i))];
if (repeated.length) fail(repeated.map((name) => `--${name}: must be given once`).join('\n'), 2);
const { format: formatName, out, as: username, bom, meta, help, ...rest } = parsed.values as Record<string, string | boolean | undefined>;
if (help) {
  console.log(USAGE);
  process.exit(0);
}
if (!(typeof formatName === 'string' && formatName in EXPORT_FORMATS)) fail(`--format: must be one of: ${Object.keys(EXPORT_FORMATS).join(', ')}`, 2);
const format = EXPORT_FORMATS[formatName as ExportFormatName];
const config = loadConfig();

let query;
try {
  query = parseExportQuery({ ...rest, ...(bom ? { bom: '1' } : {}), ...(meta ? { meta: '1' } : {}) }, loadCitationStyles(config.cslStylesDir), format);
} catch (err) {
  if (!(err instanceof InputError)) throw err;
  fail(err.issues.map((i) => `--${i.field}: ${i.message}`).join('\n'), 2);
}

const handle = await openCliDatabase('export');
const partial = out ? `${out}.partial` : null;
try {
  let viewer: SessionUser | undefined;
  if (typeof username === 'string') {
    const row = await handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    viewer = row && (await findActiveUser(handle.db, row.id));
    if (!viewer) fail(`--as: no active user named ${username}`, 2);
  }
  const tty = process.stderr.isTTY === true;
  const total = query.meta || tty ? await countSelection(handle.db, query.selection) : null;
  const metaLines = query.meta ? exportMetaLines({ query, rows: total!, exportedAt: new Date(), origin: config.publicOrigin, path: `/api/export.${format.extension}` }) : null;
  const sink = partial ? createWriteStream(partial) : process.stdout;
  const stop = new AbortController();
  let sinkError: NodeJS.ErrnoException | undefined;
  sink.on('error', (err) => {
    sinkError = err;
    stop.abort();
  });
  // Interrupted (Ctrl+C, kill): no half-written file is left behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (partial) rmSync(partial, { force: true });
      console.error(`\nexport interrupted${out ? `: ${out} not written` : ''}`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const started = Date.now();
  const rate = (n: number) => Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
  const bar = tty ? new cliProgress.SingleBar({ format: 'export {bar} {value}/{total} rows | {rate} rows/s | {duration_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total!, 0, { rate: 0 });
  let lastLine = 0;
  const rows = await writeExport({
    db: handle.db,
    selection: query.selection,
    format,
    options: { origin: config.publicOrigin, style: query.style, bom: query.bom, meta: metaLines },
    viewer,
    serverCursor: handle.kind === 'postgres',
    signal: stop.signal,
    onProgress: (n) => {
      bar?.update(n, { rate: rate(n) });
      if (!bar && n - lastLine >= 10_000) {
        lastLine = n;
        console.error(`${n} rows…`);
      }
    },
  }, sink);
  bar?.stop();
  if (partial && !sinkError) {
    sink.end();
    await finished(sink).catch((err: NodeJS.ErrnoException) => {
      sinkError ??= err;
    });
  }
  if (sinkError) {
    if (partial) rmSync(partial, { force: true });
    // A reader that stops reading (`| head`) has what it wanted.
    if (sinkError.code === 'EPIPE') process.exit(0);
    fail(out ? `--out: cannot write ${out}: ${sinkError.message}` : `cannot write the output: ${sinkError.message}`, out ? 2 : 1);
  }
  if (partial) renameSync(partial, out as string);
  console.error(`exported ${rows} ${rows === 1 ? 'row' : 'rows'} as ${formatName}${out ? ` to ${out}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s (${rate(rows)} rows/s)`);
} catch (err) {
  if (partial) rmSync(partial, { force: true });
  throw err;
} finally {
  await handle.close();
}
