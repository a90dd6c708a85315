/** The library API of communique. */
export { ingest, type IngestOptions, type IngestResult, type RunReport, type InputOutcome } from './ingest.js';
export { analyse, STAGES, type Stage } from './pipeline.js';
export { loadRules, type Rules } from './rules/index.js';
export { RuleError } from './rules/load.js';
export { toRecord, type DocumentRecord } from './record.js';
export type * from './document.js';
