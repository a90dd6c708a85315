/** Writes a file atomically: a temporary file beside it, flushed, then renamed over the target. */
import { close, fdatasync, open, write } from 'node:fs';
import { promisify } from 'node:util';
import { rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

let counter = 0;

/** Temporary files are hidden (leading dot) and end in .tmp: a later run removes those a killed run left. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await writeChunksAtomic(path, [data]);
}

/**
 * Same, for content made piece by piece (a manifest of 100,000 entries): the pieces are written
 * in batches of about 1 MB, so the whole content never has to be one string in memory.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  const tmp = tempPath(path);
  // Creating a file costs the kernel some 0.2 ms: done on libuv's thread pool (callback API,
  // lighter than FileHandle), so this thread goes on deciding the next documents meanwhile.
  const fd = await openAsync(tmp, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    for (const c of chunks) {
      batch.push(c);
      size += c.length;
      if (size >= 1 << 20) {
        await writeAll(fd, batch.join(''));
        batch = [];
        size = 0;
      }
    }
    if (batch.length) await writeAll(fd, batch.join(''));
    await fdatasyncAsync(fd);
  } catch (e) {
    await closeAsync(fd).catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await closeAsync(fd);
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

async function writeAll(fd: number, text: string): Promise<void> {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += await writeAsync(fd, buf, off, buf.length - off);
}

const openAsync = promisify(open);
const closeAsync = promisify(close);
const fdatasyncAsync = promisify(fdatasync);
function writeAsync(fd: number, buf: Buffer, off: number, len: number): Promise<number> {
  return new Promise((resolve, reject) => write(fd, buf, off, len, null, (e, n) => (e ? reject(e) : resolve(n))));
}
