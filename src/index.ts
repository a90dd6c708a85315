/** The library API of communique. */
export {
  ingest,
  OutputError,
  LockError,
  type IngestOptions,
  type IngestResult,
  type IngestStats,
  type RunReport,
  type RunSummary,
  type InputOutcome,
  type Change,
  type Progress,
} from './ingest.js';
export { analyse, STAGES, type Stage } from './pipeline.js';
export { loadRules, type Rules } from './rules/index.js';
export { RuleError } from './rules/load.js';
export { toRecord, type DocumentRecord } from './record.js';
export type * from './document.js';
