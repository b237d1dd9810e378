// npm run --silent extract -- FILE.jsonl
// Prints one JSON line per input article: {"id","quotes":[...],"claims":[...]}, read as the
// app reads articles ('' is a double quote mark, as archived NYT text prints it).
// Pure extraction: never opens a database.
import { extract } from '../src/extraction/index.ts';
import { toArticleLine } from './extract-format.ts';
import { InputError, readArticles } from './read-jsonl.ts';

const USAGE = 'usage: npm run --silent extract -- FILE.jsonl   (lines {"id","text",...})\n';

function main(argv: string[]): number {
  if (argv.includes('--help')) { process.stderr.write(USAGE); return 0; }
  const unknown = argv.find((a) => a.startsWith('--'));
  if (unknown) { process.stderr.write(`extract: unknown option ${unknown}\n${USAGE}`); return 2; }
  const path = argv[0];
  if (!path || argv.length > 1) { process.stderr.write(USAGE); return 2; }
  try {
    for (const article of readArticles(path)) {
      process.stdout.write(`${JSON.stringify(toArticleLine(article.id, extract(article.text)))}\n`);
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
