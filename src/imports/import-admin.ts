import { formatTime } from '../auth/users.ts';
import type { ImportProgress } from './imports.ts';
import type { ProblemRecord } from './import-list.queries.ts';

/** Where an import is: its importer still reading inputs, its records still being processed, or done. */
export type ImportState = 'reading' | 'running' | 'finished';

export function importState(p: Pick<ImportProgress, 'readFinished' | 'finishedAt'>): ImportState {
  if (p.finishedAt) return 'finished';
  return p.readFinished ? 'running' : 'reading';
}

/** An import for the JSON API: ImportProgress with its `state` and `done` (records no longer queued). */
export type ImportView = ImportProgress & { state: ImportState; done: number };

export function presentImport(p: ImportProgress): ImportView {
  return { ...p, state: importState(p), done: p.records - p.queued };
}

/** What the pages show of an import: the JSON view and its texts for people. */
export function importPageView(p: ImportProgress) {
  const view = presentImport(p);
  return {
    ...view,
    kindText: p.kind === 'reextract' ? 're-extraction' : 'import',
    createdText: formatTime(p.createdAt),
    // Rates and counts are filled in the same way by views/static/imports.js as it polls.
    rateText: p.articlesPerSecond === null ? '–' : p.articlesPerSecond.toLocaleString('en-GB'),
    unfinished: view.state !== 'finished',
  };
}

/** A failed or rejected record for the page: its place, and whether the Retry button applies. */
export function problemPageView(r: ProblemRecord) {
  return { ...r, place: r.position ? `${r.source}, ${r.position}` : r.source, retryable: r.state === 'failed' };
}
