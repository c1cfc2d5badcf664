import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { lock } from 'os-lock';

/** Another process (or this one) already runs a server on the folder. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `The data folder ${dataDir} is in use by ${holder}. Two servers on one embedded database would lose each other's writes: ` +
        'stop that server first, or give this one another NOTA_DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

// fcntl locks belong to the process: a second open in this process would not conflict, and closing
// any descriptor of the file would drop the lock. So this process keeps its own list.
const heldHere = new Set<string>();

/**
 * An exclusive OS lock (fcntl, through os-lock) on `<dataDir>.lock`, held as long as the database is
 * open. The kernel drops it when the process ends, however it ends, so a lock left by a crash is no
 * lock at all and the next start takes the folder. The holder's pid is written in the file so a
 * refused start can say who holds it.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`;
  if (heldHere.has(path)) throw new DataDirInUseError(dataDir, `this process (pid ${process.pid})`);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
  try {
    await lock(fd, { exclusive: true, immediate: true });
  } catch (error) {
    closeSync(fd);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EACCES' || code === 'EBUSY') throw new DataDirInUseError(dataDir, describeHolder(path));
    throw error;
  }
  heldHere.add(path);
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`, 0);
  return {
    release() {
      if (!heldHere.delete(path)) return;
      // Closing the descriptor is what releases the lock; the file stays, so no other start can race a delete.
      closeSync(fd);
    },
  };
}

function describeHolder(path: string): string {
  try {
    const { pid, host, since } = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; host: string; since: string };
    return `another Nota server, process ${pid} on ${host} (since ${since})`;
  } catch {
    // Taken a moment ago and not written yet.
    return 'another Nota server that is just starting';
  }
}
