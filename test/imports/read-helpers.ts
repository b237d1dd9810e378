// Temp folders and record collecting for the input reader tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { ReadRecord } from '../../src/imports/imports.ts';

/** A new temp folder, removed after the test file. */
export function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-read-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes each file (making its folders) under `dir`; returns the paths in the given order. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): string[] {
  return Object.entries(files).map(([name, content]) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  });
}

export async function collect(records: AsyncIterable<ReadRecord>): Promise<ReadRecord[]> {
  const all: ReadRecord[] = [];
  for await (const r of records) all.push(r);
  return all;
}

/** A record as `position field: message` (bad) or `position ok` (good), for compact assertions. */
export function summary(r: ReadRecord): string {
  return 'error' in r ? `${r.position} ${r.error.field}: ${r.error.message}` : `${r.position} ok`;
}

export function good(r: ReadRecord | undefined): Extract<ReadRecord, { raw: unknown }> {
  if (!r || !('raw' in r)) throw new Error(`expected an article, got ${r ? summary(r) : 'nothing'}`);
  return r;
}
