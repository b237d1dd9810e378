import fs from 'node:fs';
import path from 'node:path';

// Two processes opening one PGlite data directory corrupt it, so the first takes a lock
// file holding its pid (line 1) and what it is (line 2: "the Verbatim server", "npm run
// import"...). A lock left by a process that no longer exists is taken over.

/** What `npm start` writes in the lock: the CLIs name it when they must wait for it. */
export const SERVER_LOCK_HOLDER = 'the Verbatim server';

/** A second process asked for a data directory another live process holds. */
export class DataDirLockedError extends Error {
  /**
   * @param dir the data directory (absolute)
   * @param pid the holder's process id
   * @param holder what the holder said it is, or null when its lock file does not say
   */
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly holder: string | null,
  ) {
    super(
      `The embedded database in ${dir} is in use by ${holder ?? 'another Verbatim process'} (pid ${pid}). ` +
        'Stop that process, or set DATA_DIR to another folder, or DATABASE_URL to a Postgres server.',
    );
    this.name = 'DataDirLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `dir`'s lock for this process, saying it is `holder` (one line, e.g. "the Verbatim
 * server"). Returns the function that releases it. Throws DataDirLockedError while another
 * live process holds it.
 */
export function acquireDataDirLock(dir: string, holder = 'a Verbatim process'): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'verbatim.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n${holder.replace(/\s+/g, ' ')}\n`, { flag: 'wx' });
      return () => {
        if (readLock(lockPath).pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const lock = readLock(lockPath);
      if (Number.isInteger(lock.pid) && lock.pid > 0 && (lock.pid === process.pid || processIsAlive(lock.pid))) {
        throw new DataDirLockedError(dir, lock.pid, lock.holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}`);
}

/** A lock file's pid and holder (files written before the holder line have none). */
function readLock(lockPath: string): { pid: number; holder: string | null } {
  const [pid = '', holder = ''] = fs.readFileSync(lockPath, 'utf8').split('\n');
  return { pid: Number(pid.trim()), holder: holder.trim() || null };
}
