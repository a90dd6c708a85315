/**
 * Batch settings (rules/batch.yaml): deduplication thresholds, translation linking, file limits.
 * Validated by a JSON Schema like every rule file, so a typo stops the run with file and line.
 */
import { join } from 'node:path';
import { readRuleFile, type Schema } from '../rules/load.js';

export interface DedupConfig {
  shingleWords: number;
  bands: number;
  rows: number;
  jaccard: number;
  containment: number;
  minLengthRatio: number;
  minShingles: number;
  maxPublishedDays: number;
  minTitleOverlap: number;
  minTitleJaccard: number;
  minFacts: number;
  minFactOverlap: number;
}

export interface TranslationConfig {
  minShared: number;
  minOverlap: number;
  maxPostings: number;
}

export interface BatchConfig {
  dedup: DedupConfig;
  translations: TranslationConfig;
  files: { maxBytes: number };
}

const fraction = { type: 'number', minimum: 0, maximum: 1 };
const count = { type: 'integer', minimum: 1 };

const SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['dedup', 'translations', 'files'],
  properties: {
    dedup: {
      type: 'object',
      additionalProperties: false,
      required: ['shingleWords', 'bands', 'rows', 'jaccard', 'containment', 'minLengthRatio', 'minShingles', 'maxPublishedDays', 'minTitleOverlap', 'minTitleJaccard', 'minFacts', 'minFactOverlap'],
      properties: {
        shingleWords: { type: 'integer', minimum: 1, maximum: 10 },
        bands: { type: 'integer', minimum: 1, maximum: 64 },
        rows: { type: 'integer', minimum: 1, maximum: 16 },
        jaccard: fraction,
        containment: fraction,
        minLengthRatio: fraction,
        minShingles: count,
        maxPublishedDays: { type: 'integer', minimum: 0 },
        minTitleOverlap: fraction,
        minTitleJaccard: fraction,
        minFacts: count,
        minFactOverlap: fraction,
      },
    },
    translations: {
      type: 'object',
      additionalProperties: false,
      required: ['minShared', 'minOverlap', 'maxPostings'],
      properties: { minShared: count, minOverlap: fraction, maxPostings: count },
    },
    files: {
      type: 'object',
      additionalProperties: false,
      required: ['maxBytes'],
      properties: { maxBytes: count },
    },
  },
};

/** Reads `<rulesDir>/batch.yaml`. Throws RuleError naming the file and line of a problem. */
export function loadBatchConfig(rulesDir: string): BatchConfig {
  const file = readRuleFile<BatchConfig>(join(rulesDir, 'batch.yaml'), SCHEMA);
  const d = file.data.dedup;
  if (d.bands * d.rows > 256) file.fail(['dedup', 'bands'], `bands x rows must be at most 256 (got ${d.bands * d.rows})`);
  return file.data;
}
