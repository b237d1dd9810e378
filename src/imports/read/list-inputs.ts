import fs from 'node:fs/promises';
import path from 'node:path';
import type { FieldIssue } from '../../http/errors.ts';

export type InputKind = 'ndjson' | 'json' | 'csv' | 'text' | 'warc';

/** One input to read: a file with its kind, size (bytes) and mtime (ms), stdin ('-'), or a path that cannot be read. */
export type Input =
  | { path: string; kind: InputKind; size: number; mtimeMs: number }
  | { path: '-'; kind: 'stdin' }
  | { path: string; error: FieldIssue };

const KINDS: [RegExp, InputKind][] = [
  [/\.(jsonl|ndjson)$/i, 'ndjson'],
  [/\.json$/i, 'json'],
  [/\.csv$/i, 'csv'],
  [/\.(txt|html?)$/i, 'text'],
  [/\.warc(\.gz)?$/i, 'warc'],
];
export const READ_EXTENSIONS = '.txt, .html, .htm, .json, .jsonl, .ndjson, .csv, .warc, .warc.gz';

/** The kind of file a name says, by its extension; null for any other. */
export function kindOf(file: string): InputKind | null {
  return KINDS.find(([pattern]) => pattern.test(file))?.[1] ?? null;
}

/** A file system error as a person reads it. */
export function describeFsError(err: NodeJS.ErrnoException): FieldIssue {
  if (err.code === 'ENOENT') return { field: 'path', message: 'no such file or folder' };
  if (err.code === 'EACCES' || err.code === 'EPERM') return { field: 'path', message: 'cannot be read (permission denied)' };
  return { field: 'path', message: `cannot be read (${err.code ?? err.message})` };
}

export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined;
}

/**
 * The inputs the paths name, in order: '-' is stdin; a file is taken whatever its extension
 * (one that is no kind we read is a bad 'path'); a folder is walked recursively in sorted
 * order (by name, code unit order), taking files of the kinds we read and ignoring any other,
 * and hidden entries (names starting with '.'). Symbolic links are followed, each folder once.
 */
export async function* listInputs(paths: string[]): AsyncGenerator<Input> {
  const seen = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      yield { path: '-', kind: 'stdin' };
      continue;
    }
    const stat = await statOrError(p);
    if ('error' in stat) yield { path: p, error: stat.error };
    else if (stat.isDirectory()) yield* walk(p, seen);
    else {
      const kind = kindOf(p);
      yield kind ? { path: p, kind, size: stat.size, mtimeMs: stat.mtimeMs } : { path: p, error: { field: 'path', message: `not a kind of file the importer reads (${READ_EXTENSIONS})` } };
    }
  }
}

async function* walk(folder: string, seen: Set<string>): AsyncGenerator<Input> {
  let names: string[];
  try {
    const real = await fs.realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    names = (await fs.readdir(folder)).filter((n) => !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    if (!isFsError(err)) throw err;
    yield { path: folder, error: describeFsError(err) };
    return;
  }
  for (const name of names) {
    const p = path.join(folder, name);
    const stat = await statOrError(p);
    if ('error' in stat) {
      // A dangling link is not an input; anything else that cannot be read is said.
      if (stat.error.message !== 'no such file or folder') yield { path: p, error: stat.error };
      continue;
    }
    if (stat.isDirectory()) yield* walk(p, seen);
    else {
      const kind = kindOf(name);
      if (kind && stat.isFile()) yield { path: p, kind, size: stat.size, mtimeMs: stat.mtimeMs };
    }
  }
}

async function statOrError(p: string): Promise<import('node:fs').Stats | { error: FieldIssue }> {
  try {
    return await fs.stat(p);
  } catch (err) {
    if (!isFsError(err)) throw err;
    return { error: describeFsError(err) };
  }
}
