// Reads {"id","text",...} lines for the extraction CLIs, failing with the file and line
// number rather than a stack trace.
import { readFileSync } from 'node:fs';

export interface ArticleInput {
  id: string;
  text: string;
  [key: string]: unknown;
}

export class InputError extends Error {}

export function readArticles(path: string): ArticleInput[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const articles: ArticleInput[] = [];
  raw.split('\n').forEach((lineText, i) => {
    if (!lineText.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      throw new InputError(`${path}:${i + 1}: not valid JSON`);
    }
    const obj = value as Partial<ArticleInput> | null;
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      throw new InputError(`${path}:${i + 1}: expected an object with a string "text"`);
    }
    const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : `line-${i + 1}`;
    articles.push({ ...obj, id, text: obj.text } as ArticleInput);
  });
  return articles;
}
