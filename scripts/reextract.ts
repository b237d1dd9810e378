// npm run reextract [-- --all]: runs the current extractor over articles extracted by an
// older version (or every article with --all), keeping statements a person has reviewed.
import { EXTRACTOR_VERSION } from '../src/extraction/index.ts';
import { reextractArticle } from '../src/ingest/reextract-article.ts';
import { fail, openCliDatabase } from './cli-database.ts';

const args = process.argv.slice(2);
if (args.some((a) => a !== '--all')) fail('usage: npm run reextract [-- --all]', 2);
const handle = await openCliDatabase();
try {
  let query = handle.db.selectFrom('articles').select('id').orderBy('id');
  if (!args.includes('--all')) {
    query = query.where((eb) => eb.or([eb('extractor_version', 'is', null), eb('extractor_version', '<>', EXTRACTOR_VERSION)]));
  }
  const ids = (await query.execute()).map((r) => r.id);
  for (const id of ids) {
    const r = await reextractArticle(handle.store, id);
    console.log(`article ${id}: ${r.added} statements from extractor ${EXTRACTOR_VERSION}, ${r.removed} machine statements replaced, ${r.kept} reviewed kept`);
  }
  console.log(`${ids.length} articles re-extracted`);
} finally {
  await handle.close();
}
