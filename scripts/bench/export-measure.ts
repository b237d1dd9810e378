// What bench:export measures: a CSV stream's records, bytes and statement ids (in order, as a
// hash), a process' resident memory while it runs, and the time of an export over HTTP or of
// PostgreSQL's own COPY.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Counts the records of an RFC 4180 stream chunk by chunk (a line end inside quotes is part of
 * a cell) and hashes the first cell of each record, the statement id, in order, so two exports
 * can be held to the same rows in the same order. Bytes: everything seen.
 */
export class CsvTally {
  records = 0;
  bytes = 0;
  /** FNV-1a over the first cells, each followed by a newline. */
  idHash = 0x811c9dc5;
  private inQuotes = false;
  private atStart = true;

  /** `header`: the first record is a header line, left out of the hash. */
  constructor(private readonly header: boolean) {}

  push(buf: Buffer): void {
    this.bytes += buf.length;
    let i = 0;
    while (i < buf.length) {
      if (this.atStart) {
        // The first cell: digits up to the comma (ids are never quoted).
        const c = buf[i]!;
        const hashed = this.records > 0 || !this.header;
        if (c === 0x2c || c === 0x0d || c === 0x0a) this.atStart = false;
        else {
          if (hashed) this.idHash = Math.imul(this.idHash ^ c, 16777619) >>> 0;
          i++;
          continue;
        }
        if (hashed) this.idHash = Math.imul(this.idHash ^ 0x0a, 16777619) >>> 0;
      }
      if (this.inQuotes) {
        const q = buf.indexOf(0x22, i);
        if (q < 0) return;
        this.inQuotes = false;
        i = q + 1;
        continue;
      }
      const q = buf.indexOf(0x22, i);
      const nl = buf.indexOf(0x0a, i);
      if (nl >= 0 && (q < 0 || nl < q)) {
        this.records++;
        this.atStart = true;
        i = nl + 1;
      } else if (q >= 0) {
        this.inQuotes = true;
        i = q + 1;
      } else return;
    }
  }
}

/** Resident memory of process `pid` (Linux /proc), sampled every `everyMs` while a run lasts. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly before: number;

  constructor(private readonly pid: number, everyMs = 20) {
    // Reset the kernel's high-water mark (VmHWM) so it covers this run only (clear_refs 5).
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // Not allowed here: the samples alone say the peak.
    }
    this.before = this.read().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, this.read().rss);
    }, everyMs);
  }

  /** { rss, hwm } in bytes from /proc/<pid>/status. */
  read(): { rss: number; hwm: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  }

  /** Stops sampling; the peak seen (samples and the kernel's high-water mark) and the growth over `before`, in bytes. */
  stop(): { before: number; peak: number; growth: number } {
    clearInterval(this.timer);
    const now = this.read();
    const peak = Math.max(this.peak, now.rss, now.hwm);
    return { before: this.before, peak, growth: peak - this.before };
  }
}

/** CPU seconds (user + system) process `pid` has used so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Run {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  idHash: number;
  /** Of the app's process; null for COPY. */
  rssGrowth: number | null;
  rssPeak: number | null;
  serverCpu: number | null;
}

/** GET `url` (a CSV export with a header line) read to the end while `pid`'s memory and CPU are watched. */
export async function httpExport(name: string, url: string, pid: number): Promise<Run> {
  const tally = new CsvTally(true);
  const cpu = cpuSeconds(pid);
  const rss = new RssSampler(pid);
  const started = performance.now();
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, resolve).on('error', reject));
  if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
  res.on('data', (chunk: Buffer) => tally.push(chunk));
  await once(res, 'end');
  const seconds = (performance.now() - started) / 1000;
  const mem = rss.stop();
  return { name, rows: tally.records - 1, bytes: tally.bytes, seconds, idHash: tally.idHash, rssGrowth: mem.growth, rssPeak: mem.peak, serverCpu: cpuSeconds(pid) - cpu };
}

/** `COPY (query) TO STDOUT WITH CSV` through pg-copy-streams, read to the end. */
export async function copyExport(name: string, pool: pg.Pool, query: string): Promise<Run> {
  const client = await pool.connect();
  try {
    const tally = new CsvTally(false);
    const started = performance.now();
    const stream = client.query(copyTo(`copy (${query}) to stdout with csv`));
    stream.on('data', (chunk: Buffer) => tally.push(chunk));
    await once(stream, 'end');
    return { name, rows: tally.records, bytes: tally.bytes, seconds: (performance.now() - started) / 1000, idHash: tally.idHash, rssGrowth: null, rssPeak: null, serverCpu: null };
  } finally {
    client.release();
  }
}

/**
 * `sql` with its $n parameters written in as literals, for COPY, which takes none: numbers as
 * they are, strings quoted by pg (escapeLiteral), arrays of those as ARRAY[...]. Anything else throws.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[], escapeLiteral: (s: string) => string): string {
  const literal = (v: unknown): string => {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return escapeLiteral(v);
    if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(', ')}]`;
    throw new Error(`cannot write ${typeof v} ${String(v)} into the COPY query`);
  };
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
}
