import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyThresholdArgs, loadThresholds, readBaseline, readThresholds } from '../check/limits.js';
import { checkDocument, formatCheck, runCheck, type CheckResult } from '../check/run.js';
import { expectedPathFor, updateFixtures } from '../check/update.js';
import { RuleError } from '../rules/load.js';
import { analyseBytes } from '../batch/analyser.js';
import { UsageError } from './usage.js';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      fixtures: { type: 'string' },
      update: { type: 'boolean' },
      'update-baseline': { type: 'boolean' },
      threshold: { type: 'string', multiple: true },
      thresholds: { type: 'string' },
      'ignore-baseline': { type: 'boolean' },
      rules: { type: 'string' },
    },
  });
  const fixturesDir = values.fixtures ?? 'fixtures';
  if (!existsSync(fixturesDir)) throw new UsageError(`${fixturesDir}: no such fixtures folder`);
  if (positionals.length && !values.update) throw new UsageError('fixture names are only taken with --update (to update just those)');
  let thresholds;
  let baseline;
  try {
    thresholds = values.thresholds ? readThresholds(values.thresholds) : loadThresholds(join(fixturesDir, 'thresholds.yaml'));
    thresholds = applyThresholdArgs(thresholds, values.threshold ?? []);
    baseline = values['ignore-baseline'] ? null : readBaseline(join(fixturesDir, 'baseline.json'));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  let result: CheckResult;
  try {
    result = runCheck({ fixturesDir, rulesDir: values.rules, thresholds, baseline });
  } catch (e) {
    if (e instanceof RuleError) {
      process.stderr.write(`communique: broken rule file: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  // `--update seeds/new.txt` for a source that has no expected record yet: start one.
  if (values.update) {
    for (const p of positionals) {
      const source = existsSync(join(fixturesDir, p)) ? p : existsSync(p) ? relative(fixturesDir, p) : null;
      if (source === null) {
        if (!result.perDocument.some((d) => d.source === p || d.file.endsWith('/' + p))) throw new UsageError(`${p}: neither a fixture with an expected record nor a file under ${fixturesDir}`);
        continue;
      }
      if (result.perDocument.some((d) => d.source === source)) continue;
      const file = expectedPathFor(fixturesDir, source);
      result.perDocument.push(checkDocument(fixturesDir, file, { source, language: 'und', published: null, people: [], organisations: [], dates: [], figures: [] }, (path, bytes) => analyseBytes(path, bytes, values.rules)));
    }
  }

  process.stdout.write(formatCheck(result, { thresholds }) + '\n');

  if (values.update || values['update-baseline']) {
    const only = positionals.map((p) => (existsSync(p) && !existsSync(join(fixturesDir, p)) ? relative(fixturesDir, p) : p));
    const outcome = updateFixtures(result, { only: values.update ? only : ['\0none'], baseline: true });
    const changed = outcome.files.filter((f) => f.diff.length);
    process.stdout.write('\n');
    for (const f of changed) {
      process.stdout.write(`${f.created ? 'created' : 'updated'} ${f.file}\n${f.diff.map((l) => `  ${l}`).join('\n')}\n`);
    }
    if (values.update) process.stdout.write(`${changed.length} expected records written, ${outcome.files.length - changed.length} unchanged.\n`);
    for (const s of outcome.skipped) process.stdout.write(`not updated (the pipeline failed): ${s}\n`);
    if (outcome.baselineFile) process.stdout.write(`baseline written to ${outcome.baselineFile}: review both with 'git diff ${fixturesDir}'.\n`);
    return outcome.skipped.length || result.errors.length ? 1 : 0;
  }
  return result.failures.length || result.errors.length ? 1 : 0;
}
