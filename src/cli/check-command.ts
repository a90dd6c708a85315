import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { applyThresholdArgs, loadThresholds, readBaseline, readThresholds } from '../check/limits.js';
import { formatCheck, runCheck, type CheckResult } from '../check/run.js';
import { updateFixtures } from '../check/update.js';
import { RuleError } from '../rules/load.js';
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

  // `--update seeds/new.txt` names fixtures to update; one without an expected record gets one.
  const named = positionals.map((p) => (!existsSync(join(fixturesDir, p)) && existsSync(p) ? relative(fixturesDir, p) : p));
  const add = named.filter((p) => existsSync(join(fixturesDir, p)) && !p.startsWith('expected/'));

  let result: CheckResult;
  try {
    result = runCheck({ fixturesDir, rulesDir: values.rules, thresholds, baseline, add });
  } catch (e) {
    if (e instanceof RuleError) {
      process.stderr.write(`communique: broken rule file: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const p of named) {
    if (!result.perDocument.some((d) => d.source === p || relative(fixturesDir, d.file) === p || basename(d.file) === p)) {
      throw new UsageError(`${p}: neither a fixture source nor an expected record under ${fixturesDir}`);
    }
  }

  process.stdout.write(formatCheck(result, { thresholds }) + '\n');

  if (values.update || values['update-baseline']) {
    const outcome = updateFixtures(result, { only: named, records: values.update === true, baseline: true });
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
