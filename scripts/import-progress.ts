// How `npm run import` and `npm run reextract` show an import's progress on stderr: a bar
// (cli-progress) when stderr is a terminal, else a plain line every 1,000 articles done.
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../src/imports/imports.ts';

export interface ProgressReporter {
  /** Shows the import's latest counts (importProgress). */
  update(progress: ImportProgress): void;
  /** Prints a line above the bar (or plainly). */
  log(line: string): void;
  stop(): void;
}

/** Records per plain log line when stderr is not a terminal. */
const LINE_EVERY = 1000;

const done = (p: ImportProgress) => p.records - p.queued;
const errors = (p: ImportProgress) => p.failed + p.rejected;

/** One line of counts: "1,000 of 2,400 read: 950 stored, 40 duplicates, 10 errors; 8,210 statements; 212.5 articles/s". */
export function progressLine(p: ImportProgress): string {
  const n = (x: number) => x.toLocaleString('en');
  const rate = p.articlesPerSecond === null ? '' : `; ${p.articlesPerSecond} articles/s`;
  return `${n(done(p))} of ${n(p.records)}${p.readFinished ? '' : ' read so far'} done: ${n(p.stored)} stored, ${n(p.duplicates)} duplicates, ${n(errors(p))} errors; ${n(p.statements)} statements${rate}`;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) {
    let lines = 0;
    return {
      update(p) {
        if (Math.floor(done(p) / LINE_EVERY) > lines) {
          lines = Math.floor(done(p) / LINE_EVERY);
          stream.write(`${progressLine(p)}\n`);
        }
      },
      log: (line) => void stream.write(`${line}\n`),
      stop() {},
    };
  }
  const bars = new cliProgress.MultiBar({
    stream,
    format: '{bar} {value}/{total} articles | {speed}/s | {statements} statements | {duplicates} duplicates | {errors} errors',
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  const bar = bars.create(0, 0, { speed: '-', statements: 0, duplicates: 0, errors: 0 });
  return {
    update(p) {
      bar.setTotal(Math.max(p.records, 1));
      bar.update(done(p), { speed: p.articlesPerSecond ?? '-', statements: p.statements, duplicates: p.duplicates, errors: errors(p) });
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
