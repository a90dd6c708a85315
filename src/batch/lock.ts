/**
 * One run at a time per output folder: `<out>/.lock` holds the pid and host of the run using it.
 * A second run is refused with a clear message while that process lives; a lock left by a run
 * that died (SIGKILL, power cut: its pid no longer exists on this host) is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

/** Locks held by this process (two ingest() calls of one program on the same folder). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of an output folder (which must exist). Throws LockError when another run holds it. */
export async function acquireLock(outDir: string): Promise<Lock> {
  const path = join(outDir, '.lock');
  const me = JSON.stringify({ pid: process.pid, host: hostname() }) + '\n';
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(me);
      } finally {
        await fh.close();
      }
      let released = false;
      held.add(resolve(path));
      return {
        path,
        release: async () => {
          if (released) return;
          released = true;
          held.delete(resolve(path));
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: { pid?: unknown; host?: unknown } = {};
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as typeof holder;
    } catch {
      // Empty or torn lock file: its writer died while writing it.
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : null;
    const sameHost = holder.host === undefined || holder.host === hostname();
    const mine = pid === process.pid && sameHost;
    if (pid !== null && ((mine && held.has(resolve(path))) || (!mine && (!sameHost || alive(pid))))) {
      throw new LockError(
        `another communique run (pid ${pid}${sameHost ? '' : ` on ${String(holder.host)}`}) is writing to ${outDir}; ` +
          `wait for it to finish (or, if no run is active, delete ${path})`,
      );
    }
    // The holder is dead (or the file is torn): remove the stale lock and try again.
    await unlink(path).catch(() => undefined);
  }
  throw new LockError(`cannot take the lock ${path}: it keeps coming back; is another run starting?`);
}
