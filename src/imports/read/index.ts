// The import CLI's input readers (issue 14): paths in, ReadRecords out, one at a time.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReadRecord } from '../imports.ts';
import { readCsv } from './csv.ts';
import type { FieldMap } from './field-map.ts';
import { readJsonFile } from './json-file.ts';
import { describeFsError, type Input, isFsError, listInputs } from './list-inputs.ts';
import { readNdjson } from './ndjson.ts';
import { readTextFile } from './text-file.ts';
import { readWarc } from './warc.ts';

export { parseFieldMap } from './field-map.ts';
export { READ_EXTENSIONS } from './list-inputs.ts';

/** Options from the CLI. */
export interface ReadOptions {
  /** --map title=headline,text=body: our field name -> the CSV column (or NDJSON key) holding it. */
  map?: FieldMap;
  /** Stdin, for the path '-' (tests pass a Readable); process.stdin if not given. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Every record of every path, in order, streamed: NDJSON, CSV and WARC files are read a chunk
 * at a time (a .json, .txt or .html file whole). Formats by extension (see listInputs and each
 * reader): .jsonl/.ndjson and stdin '-' (NDJSON, `line N`), .json (`item N` or ''), .csv
 * (`line N`; columns not named like a field or in `map` are ignored), .txt/.html/.htm (''),
 * .warc/.warc.gz (`record at byte N`). Bad records are yielded with their error, never
 * thrown; a path that does not exist or cannot be read is one bad 'path' record (position '').
 * Throws only for faults (bugs), not for bad input.
 */
export async function* readInputs(paths: string[], options: ReadOptions): AsyncGenerator<ReadRecord> {
  for await (const input of listInputs(paths)) {
    if ('error' in input) yield { source: input.path, position: '', error: input.error };
    else yield* readInput(input, options);
  }
}

async function* readInput(input: Exclude<Input, { error: unknown }>, { map, stdin }: ReadOptions): AsyncGenerator<ReadRecord> {
  const source = input.path;
  const bytes = () => fs.createReadStream(source);
  try {
    switch (input.kind) {
      case 'stdin':
        yield* readNdjson(source, (stdin ?? process.stdin) as AsyncIterable<Buffer | string>, map);
        break;
      case 'ndjson':
        yield* readNdjson(source, bytes(), map);
        break;
      case 'json':
        yield* readJsonFile(source, map);
        break;
      case 'csv':
        yield* readCsv(source, bytes(), map);
        break;
      case 'text':
        yield* readTextFile(source);
        break;
      case 'warc':
        yield* readWarc(source, bytes());
        break;
    }
  } catch (err) {
    // The file went away or is unreadable (EACCES, EISDIR): a bad record for the path, not a crash.
    if (!isFsError(err)) throw err;
    yield { source, position: '', error: describeFsError(err) };
  }
}

/**
 * sha256 hex of the resolved inputs (each file's absolute path, size and mtime, folders
 * walked as readInputs walks them, a path that cannot be read by its error) and the options
 * (the map): the same archive unchanged gives the same fingerprint, so an import can be
 * resumed; any file changed, added or removed gives another. Null if a path is '-' (stdin
 * cannot be read twice).
 */
export async function inputsFingerprint(paths: string[], options: ReadOptions): Promise<string | null> {
  if (paths.includes('-')) return null;
  const hash = createHash('sha256');
  const map = Object.entries(options.map ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(`${JSON.stringify({ map })}\n`);
  for await (const input of listInputs(paths)) {
    const entry = 'error' in input ? [path.resolve(input.path), input.error.message]
      : input.kind === 'stdin' ? ['-'] : [path.resolve(input.path), input.size, input.mtimeMs];
    hash.update(`${JSON.stringify(entry)}\n`);
  }
  return hash.digest('hex');
}
