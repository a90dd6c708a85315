/**
 * Builds the command once into a private folder (node_modules/.cache/communique-batch-test), so
 * that tests can spawn the real CLI, kill it and run it again, without touching dist/ that
 * other work may be using.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BUILD = resolve('node_modules/.cache/communique-batch-test');
export const CLI = join(BUILD, 'communique.js');

export function buildCli(): string {
  rmSync(join(BUILD, 'dist'), { recursive: true, force: true });
  mkdirSync(BUILD, { recursive: true });
  try {
    execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(BUILD, 'dist')], { stdio: 'pipe' });
  } catch (e) {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing entry point is fatal.
    if (!existsSync(join(BUILD, 'dist', 'cli', 'main.js'))) throw e;
  }
  // The compiled code finds rules/ and package.json beside its dist/, as in the package. The
  // rules are copied: a rule edited while the tests run must not change the fingerprint mid-test.
  for (const name of ['rules', 'package.json']) {
    rmSync(join(BUILD, name), { force: true, recursive: true });
    cpSync(resolve(name), join(BUILD, name), { recursive: true });
  }
  writeFileSync(
    CLI,
    `import { main } from './dist/cli/main.js';\nmain(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 1; });\n`,
  );
  return CLI;
}
