/** Writes a file atomically: a temporary file beside it, flushed, then renamed over the target. */
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

let counter = 0;

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
