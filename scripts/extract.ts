// npm run --silent extract -- FILE.jsonl
// Prints one JSON line per input article: {"id","quotes":[...],"claims":[...]}.
// Pure extraction: never opens a database.
import { extract } from '../src/extraction/index.ts';
import { toArticleLine } from './extract-format.ts';
import { InputError, readArticles } from './read-jsonl.ts';

function main(argv: string[]): number {
  const path = argv[0];
  if (!path || argv.includes('--help')) {
    process.stderr.write('usage: npm run --silent extract -- FILE.jsonl   (lines {"id","text",...})\n');
    return path ? 0 : 2;
  }
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
