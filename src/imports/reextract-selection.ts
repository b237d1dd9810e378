import { type Kysely, sql } from 'kysely';
import { normalizeOutletName } from '../articles/articles.ts';
import type { Database } from '../db/database.ts';
import { EXTRACTOR_VERSION } from '../extraction/index.ts';
import { enqueueRecords } from './queue.ts';
import { addReextractRecords, createImport, markReadFinished } from './imports.queries.ts';
import type PgBoss from 'pg-boss';

/** Which stored articles `npm run reextract` takes. */
export interface ReextractSelection {
  /** Every article (else only those extracted by another extractor version, or never). */
  all: boolean;
  /** Only articles stored on or after this moment (articles.ingested_at). */
  since?: Date;
  /** Only articles of this outlet (matched as outlets are: normalizeOutletName). */
  outlet?: string;
}

/** Article ids enqueued per transaction. */
const IDS_PER_BATCH = 1000;

/** The selection in words, for the import's label: "re-extraction of articles by an older extractor, of outlet Reuters". */
export function describeSelection(s: ReextractSelection): string {
  const parts = [s.all ? 're-extraction of every article' : `re-extraction of articles not extracted by extractor ${EXTRACTOR_VERSION}`];
  if (s.since) parts.push(`stored since ${s.since.toISOString().slice(0, 10)}`);
  if (s.outlet) parts.push(`of outlet ${s.outlet}`);
  return parts.join(', ');
}

/** The ids of the selected articles, in id order. */
export async function selectArticlesToReextract(db: Kysely<Database>, s: ReextractSelection): Promise<number[]> {
  let q = db.selectFrom('articles as a').select('a.id').orderBy('a.id');
  if (!s.all) q = q.where((eb) => eb.or([eb('a.extractor_version', 'is', null), eb('a.extractor_version', '<>', EXTRACTOR_VERSION)]));
  if (s.since) q = q.where('a.ingested_at', '>=', s.since);
  if (s.outlet) {
    const outlet = normalizeOutletName(s.outlet);
    q = q.where(sql<boolean>`exists (select 1 from outlets o where o.id = a.outlet_id and o.normalized_name = ${outlet})`);
  }
  return (await q.execute()).map((r) => r.id);
}

/**
 * Makes a re-extraction import of the selected articles: one record per article, enqueued
 * (with `boss`) IDS_PER_BATCH per transaction, or left queued for the caller to process
 * inline (`boss` null). Returns the import's id and how many articles it took.
 */
export async function createReextraction(db: Kysely<Database>, boss: PgBoss | null, s: ReextractSelection): Promise<{ importId: number; articles: number }> {
  const ids = await selectArticlesToReextract(db, s);
  const importId = await createImport(db, {
    kind: 'reextract',
    label: describeSelection(s),
    fingerprint: null,
    options: { all: s.all, since: s.since?.toISOString() ?? null, outlet: s.outlet ?? null },
  });
  for (let i = 0; i < ids.length; i += IDS_PER_BATCH) {
    await db.transaction().execute(async (trx) => {
      const recordIds = await addReextractRecords(trx, importId, ids.slice(i, i + IDS_PER_BATCH));
      if (boss) await enqueueRecords(boss, trx, recordIds);
    });
  }
  await markReadFinished(db, importId);
  return { importId, articles: ids.length };
}
