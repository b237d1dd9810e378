// npm run bench:extract -- [CORPUS.jsonl]
// Throughput of extract() on one core: the dev texts (default ../shared/corpus/polnear-dev.jsonl,
// read in place, never copied) or, if absent, the repo's seed fixture, repeated to >= 20 MB.
// Prints MB/s, articles/s, peak RSS, and the ratio to a plain scan for quote marks (the floor).
import { existsSync, readFileSync } from 'node:fs';
import { extract } from '../src/extraction/index.ts';
import { isQuoteMarkCode } from '../src/extraction/quote-marks.ts';

const TARGET_BYTES = 20 * 1024 * 1024;

function loadTexts(path: string): { texts: string[]; source: string } {
  if (existsSync(path)) {
    const texts = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
    return { texts, source: path };
  }
  const seed = new URL('../test/fixtures/seed-article.txt', import.meta.url);
  return { texts: [readFileSync(seed, 'utf8')], source: `${seed.pathname} (corpus not found at ${path})` };
}

/** The floor: touching every character once, counting quote marks. */
function scanForQuoteMarks(texts: string[]): number {
  let marks = 0;
  for (const t of texts) for (let i = 0; i < t.length; i++) if (isQuoteMarkCode(t.charCodeAt(i))) marks++;
  return marks;
}

function main(): void {
  const { texts: base, source } = loadTexts(process.argv[2] ?? '../shared/corpus/polnear-dev.jsonl');
  const baseBytes = base.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const texts: string[] = [];
  for (let bytes = 0; bytes < TARGET_BYTES; bytes += baseBytes) texts.push(...base);
  const totalBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  for (const t of base.slice(0, 50)) extract(t); // warm-up: let the JIT settle
  let statements = 0;
  const started = process.hrtime.bigint();
  for (const t of texts) statements += extract(t).statements.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const scanStarted = process.hrtime.bigint();
  let marks = 0;
  for (let r = 0; r < 5; r++) marks = scanForQuoteMarks(texts);
  const scanSeconds = Number(process.hrtime.bigint() - scanStarted) / 1e9 / 5;

  const mb = totalBytes / (1024 * 1024);
  console.log(`corpus        ${source}`);
  console.log(`input         ${texts.length} articles, ${mb.toFixed(1)} MB (UTF-8), ${statements} statements, ${marks} quote marks`);
  console.log(`extract       ${seconds.toFixed(2)} s  ${(mb / seconds).toFixed(2)} MB/s  ${(texts.length / seconds).toFixed(0)} articles/s (one core)`);
  console.log(`floor scan    ${scanSeconds.toFixed(3)} s  ${(mb / scanSeconds).toFixed(0)} MB/s  extract is ${(seconds / scanSeconds).toFixed(0)}x the floor`);
  console.log(`peak RSS      ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
