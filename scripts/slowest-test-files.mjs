// A second reporter for `npm test` (scripts/run-tests.ts), next to the usual TAP or spec
// output: at the end it prints the ten slowest test files, so a file that starts to drag
// the suite towards CI's time limit is seen in the run that adds it. Plain JavaScript:
// Node 20 loads reporters before tsx's loader is in place.
import path from 'node:path';

const SHOWN = 10;

/**
 * Yields one block of text after the run: the `SHOWN` slowest files, each with the wall
 * time of its own process (start to exit, in seconds, as the runner measures it).
 * @param {AsyncIterable<import('node:test/reporters').TestEvent>} source
 * @returns {AsyncGenerator<string>}
 */
export default async function* slowestTestFiles(source) {
  /** @type {Map<string, number>} */
  const seconds = new Map();
  for await (const event of source) {
    if (event.type !== 'test:complete' || event.data.nesting !== 0 || !event.data.file) continue;
    // Each file runs as a test of its own named by its path (absolute on Node 20, relative
    // on 22); the tests inside it are reported as top-level events too.
    if (path.resolve(event.data.name) !== event.data.file) continue;
    seconds.set(path.relative(process.cwd(), event.data.file), event.data.details.duration_ms / 1000);
  }
  const slowest = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
  if (slowest.length === 0) return;
  yield '# slowest test files (seconds, each in its own process):\n';
  for (const [file, s] of slowest) yield `#   ${s.toFixed(1).padStart(6)}  ${file}\n`;
}
