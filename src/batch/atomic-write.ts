/** Writes a file atomically: a temporary file beside it, flushed, then renamed over the target. */
import { open, rename, unlink } from 'node:fs/promises';
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
  const fh = await open(tmp, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    for (const c of chunks) {
      batch.push(c);
      size += c.length;
      if (size >= 1 << 20) {
        await fh.write(batch.join(''));
        batch = [];
        size = 0;
      }
    }
    if (batch.length) await fh.write(batch.join(''));
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
