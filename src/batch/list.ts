/** Lists the input files: files as given, folders walked recursively in sorted order. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../stages/read/read.js';

export interface ListedInput {
  path: string;
  /** Set when the input cannot be used at all (missing path...). */
  error?: string;
}

/** Files under the given paths that the read stage understands, each once, in a stable order. */
export async function listInputs(paths: string[]): Promise<ListedInput[]> {
  const out: ListedInput[] = [];
  const seen = new Set<string>();
  const add = (item: ListedInput) => {
    if (!seen.has(item.path)) {
      seen.add(item.path);
      out.push(item);
    }
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && formatOf(p)) add({ path: p });
    }
  };
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else add({ path: p });
    } catch (e) {
      add({ path: p, error: `cannot open (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  return out;
}
