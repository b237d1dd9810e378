// npm run --silent extract -- FILE.jsonl [--doubled-apostrophes]
// Prints one JSON line per input article: {"id","quotes":[...],"claims":[...]}.
// --doubled-apostrophes reads '' as a double quote mark (archived NYT text).
// Pure extraction: never opens a database.
import { extract } from '../src/extraction/index.ts';
import { toArticleLine } from './extract-format.ts';
import { InputError, readArticles } from './read-jsonl.ts';

const USAGE = 'usage: npm run --silent extract -- FILE.jsonl [--doubled-apostrophes]   (lines {"id","text",...})\n';

function main(argv: string[]): number {
  if (argv.includes('--help')) { process.stderr.write(USAGE); return 0; }
  const options = { doubledApostropheQuotes: argv.includes('--doubled-apostrophes') };
  const rest = argv.filter((a) => a !== '--doubled-apostrophes');
  const unknown = rest.find((a) => a.startsWith('--'));
  if (unknown) { process.stderr.write(`extract: unknown option ${unknown}\n${USAGE}`); return 2; }
  const path = rest[0];
  if (!path || rest.length > 1) { process.stderr.write(USAGE); return 2; }
  try {
    for (const article of readArticles(path)) {
      process.stdout.write(`${JSON.stringify(toArticleLine(article.id, extract(article.text, options)))}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`extract: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
