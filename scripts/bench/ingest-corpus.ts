// The ingest benchmark's articles: the PolNeAR dev texts (read in place from ../shared/corpus,
// never copied: no license is stated for them), repeated with varied ids, titles, outlets and
// dates, and one sentence naming the copy number so that no two are duplicates.
import { existsSync, readFileSync } from 'node:fs';
import type { ReadRecord } from '../../src/imports/imports.ts';

export const DEFAULT_CORPUS = '../shared/corpus/polnear-dev.jsonl';

export interface SourceArticle {
  title: string;
  publisher: string;
  date: string;
  text: string;
}

/** The corpus' articles; exits with status 2 (and says why) when the file is missing. */
export function loadCorpus(path: string): SourceArticle[] {
  if (!existsSync(path)) {
    console.error(`bench:ingest: the corpus is missing: ${path} (the PolNeAR dev texts, shared/corpus/polnear-dev.jsonl beside the repo; give another with --corpus FILE)`);
    process.exit(2);
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceArticle)
    .filter((a) => a.text?.trim());
}

/** One benchmark article: the API's fields and the text. */
export interface BenchArticle {
  title: string;
  outlet: string;
  published: string;
  url: string;
  text: string;
}

const OUTLET_VARIANTS = 4;

/** Article `i` (0-based): copy floor(i / corpus size) of corpus article i mod size. */
export function benchArticle(corpus: readonly SourceArticle[], i: number): BenchArticle {
  const source = corpus[i % corpus.length]!;
  const copy = Math.floor(i / corpus.length) + 1;
  const date = new Date(`${source.date || '2016-06-01'}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) date.setTime(Date.UTC(2016, 5, 1));
  date.setUTCDate(date.getUTCDate() + (copy % 365));
  const outlet = `${source.publisher || 'wire'} ${['', 'Daily', 'Weekly', 'Online'][copy % OUTLET_VARIANTS]}`.trim();
  return {
    title: `${source.title || 'Untitled'} (${copy})`,
    outlet,
    published: date.toISOString().slice(0, 10),
    url: `https://bench.example.org/${encodeURIComponent(outlet)}/${i}`,
    text: `${source.text}\n\nThis is copy ${copy} of article ${i % corpus.length} for the ingest benchmark.`,
  };
}

/** Articles 0..n-1 as import records (what the NDJSON reader would yield for them). */
export async function* benchRecords(corpus: readonly SourceArticle[], n: number): AsyncGenerator<ReadRecord> {
  for (let i = 0; i < n; i++) {
    const a = benchArticle(corpus, i);
    yield {
      source: 'bench-ingest.jsonl',
      position: `line ${i + 1}`,
      raw: { fields: { title: a.title, outlet: a.outlet, published: a.published, url: a.url }, body: { text: a.text, format: 'text', field: 'text' } },
    };
  }
}
