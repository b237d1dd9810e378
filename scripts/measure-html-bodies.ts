// npm run measure:html -- [CORPUS_DIR] [--json]
// Runs every page of CORPUS_DIR/news-dev-html (default ../shared/corpus) through the real
// reader (readArticleBody, as the reader pool's workers run it) and compares its paragraphs
// with the hand-cleaned gold text of the same article in CORPUS_DIR/news-dev.jsonl: per page
// and in total, gold paragraphs kept, kept only inside a larger paragraph (merged), kept as the
// article's title (the gold texts start with the headline; the reader stores it as the title,
// not in the body), lost, and junk paragraphs added. Research use: the corpus is read where it lies, never copied.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitParagraphs } from '../src/extraction/paragraphs.ts';
import { readArticleBody } from '../src/ingest/read-article-body.ts';

/** Paragraph counts of one page against its gold text. */
export interface ParagraphCounts {
  gold: number;
  kept: number;
  merged: number;
  title: number;
  lost: number;
  junk: number;
  lostTexts: string[];
  junkTexts: string[];
}

// The gold was cleaned by hand (quote marks, dashes, spacing): compare letters and digits
// only, case-folded, so that a paragraph counts by its words, not its typography.
const matchKey = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const paragraphsOf = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end)).filter((p) => matchKey(p) !== '');

/**
 * Compares paragraphs (non-empty lines, as the extractor reads them: splitParagraphs) of
 * `read` with those of `gold`. A gold paragraph is kept when a read paragraph has the same
 * words, merged when its words only appear inside a longer read paragraph, title when they
 * appear in the `title` read from the page, lost otherwise; a read paragraph is junk when its
 * words appear nowhere in the gold text.
 */
export function compareParagraphs(gold: string, read: string, title: string | null): ParagraphCounts {
  const goldParas = paragraphsOf(gold);
  const readKeys = paragraphsOf(read).map((p) => ({ text: p, key: matchKey(p) }));
  const readKeySet = new Set(readKeys.map((r) => r.key));
  const goldKeys = goldParas.map(matchKey);
  const goldAll = goldKeys.join('\u0000');
  const titleKey = matchKey(title ?? '');
  const counts: ParagraphCounts = { gold: goldParas.length, kept: 0, merged: 0, title: 0, lost: 0, junk: 0, lostTexts: [], junkTexts: [] };
  goldParas.forEach((text, i) => {
    const key = goldKeys[i]!;
    if (readKeySet.has(key)) counts.kept++;
    else if (readKeys.some((r) => r.key.includes(key))) counts.merged++;
    else if (titleKey.includes(key)) counts.title++;
    else {
      counts.lost++;
      counts.lostTexts.push(text);
    }
  });
  for (const r of readKeys) {
    if (!goldAll.includes(r.key)) {
      counts.junk++;
      counts.junkTexts.push(r.text);
    }
  }
  return counts;
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const corpus = path.resolve(argv.find((a) => !a.startsWith('--')) ?? '../shared/corpus');
  const goldFile = path.join(corpus, 'news-dev.jsonl');
  if (!existsSync(goldFile)) {
    console.error(`no ${goldFile}: give the corpus directory as the first argument`);
    process.exit(2);
  }
  const total = { pages: 0, gold: 0, kept: 0, merged: 0, title: 0, lost: 0, junk: 0 };
  const pages: (ParagraphCounts & { page: string })[] = [];
  for (const line of readFileSync(goldFile, 'utf8').split('\n').filter((l) => l.trim())) {
    const doc = JSON.parse(line) as { id: string; text: string };
    const page = doc.id.replace(/^news:/, '').replaceAll(':', '-');
    const file = path.join(corpus, 'news-dev-html', `${page}.html`);
    if (!existsSync(file)) continue;
    const outcome = readArticleBody({ text: readFileSync(file, 'utf8'), format: 'html', field: page, pageUrl: null }, { maxHtmlDepth: 100 });
    const counts = compareParagraphs(doc.text, outcome.ok ? outcome.bodyText : '', outcome.ok ? (outcome.html?.title ?? null) : null);
    pages.push({ page, ...counts });
    total.pages++;
    for (const k of ['gold', 'kept', 'merged', 'title', 'lost', 'junk'] as const) total[k] += counts[k];
  }
  if (json) {
    console.log(JSON.stringify({ total, pages }, null, 2));
    return;
  }
  const row = (name: string, c: Omit<ParagraphCounts, 'lostTexts' | 'junkTexts'>) =>
    console.log(`${name.padEnd(42)} ${[c.gold, c.kept, c.merged, c.title, c.lost, c.junk].map((n) => String(n).padStart(6)).join('')}`);
  console.log(`${'page'.padEnd(42)}   gold  kept merged title  lost  junk`);
  for (const p of pages) row(p.page, p);
  row(`TOTAL (${total.pages} pages)`, total);
  for (const p of pages) {
    for (const t of p.lostTexts) console.log(`  lost  ${p.page}: ${t.slice(0, 100)}`);
    for (const t of p.junkTexts) console.log(`  junk  ${p.page}: ${t.slice(0, 100)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
