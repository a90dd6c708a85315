import { UsageError } from './usage.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

export function parseLogLevel(value: string): LogLevel {
  if (!(LEVELS as readonly string[]).includes(value)) throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')} (got "${value}")`);
  return value as LogLevel;
}

export function parsePositiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1 (got "${value}")`);
  return n;
}
