// npm run reextract [-- --all]: runs the current extractor over articles extracted by an
// older version (or every article with --all), keeping statements a person has reviewed.
import { loadConfig } from '../src/config.ts';
import { EXTRACTOR_VERSION } from '../src/extraction/index.ts';
import { InputError } from '../src/http/errors.ts';
import { createReaderPool } from '../src/ingest/reader-pool.ts';
import { reextractArticle } from '../src/ingest/reextract-article.ts';
import { fail, openCliDatabase } from './cli-database.ts';

const args = process.argv.slice(2);
if (args.some((a) => a !== '--all')) fail('usage: npm run reextract [-- --all]', 2);
const handle = await openCliDatabase('reextract');
// Extraction runs in the app's worker pool, under its time budget per article.
const readers = createReaderPool(loadConfig().readers, (err) => console.error(`error: reader worker: ${err.message}`));
let failures = 0;
try {
  let query = handle.db.selectFrom('articles').select('id').orderBy('id');
  if (!args.includes('--all')) {
    query = query.where((eb) => eb.or([eb('extractor_version', 'is', null), eb('extractor_version', '<>', EXTRACTOR_VERSION)]));
  }
  const ids = (await query.execute()).map((r) => r.id);
  for (const id of ids) {
    try {
      const r = await reextractArticle(handle.store, id, readers);
      console.log(`article ${id}: ${r.added} statements from extractor ${EXTRACTOR_VERSION}, ${r.removed} machine statements replaced, ${r.kept} reviewed kept, ${r.speakersDeleted} speakers no statement names any more deleted`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failures++;
      console.error(`error: article ${id}: ${err.issues.map((i) => i.message).join('; ')}; left as it was`);
    }
  }
  console.log(`${ids.length - failures} articles re-extracted`);
} finally {
  await readers.close();
  await handle.close();
}
process.exit(failures ? 1 : 0);
