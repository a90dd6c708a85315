/** Logs: pino JSON lines on stderr, never on stdout (which belongs to `export --jsonl`). */
import { pino, destination, type Logger, type Level } from 'pino';

export type { Logger };

export function createLogger(level: Level | 'silent' = 'info'): Logger {
  return pino({ level, base: undefined }, destination({ fd: 2, sync: true }));
}
