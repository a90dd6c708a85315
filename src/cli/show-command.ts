import { UsageError } from './usage.js';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('show is not available yet');
}
