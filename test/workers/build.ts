/**
 * Builds the compiled package into a fresh temporary folder for tests that need real worker
 * threads or the real command (worker threads run compiled JavaScript, not the .ts sources
 * vitest runs). Building apart from the working tree's dist/ keeps these tests independent of
 * whatever state dist/ is in while other people rebuild it.
 *
 * The folder looks like an installed package: dist/, bin/, package.json, and links to the
 * repository's rules/, schema/ and node_modules/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

export interface Build {
  /** Root of the built package. */
  root: string;
  /** Path of the command's entry point (bin/communique.js). */
  bin: string;
  /** Imports a compiled module by its path under dist/, e.g. 'batch/analyser.js'. */
  load<T>(module: string): Promise<T>;
  remove(): void;
}

export function buildPackage(): Build {
  const root = mkdtempSync(join(tmpdir(), 'communique-build-'));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(root, 'dist'), '--declaration', 'false', '--sourceMap', 'false'], {
      stdio: 'pipe',
    });
  } catch (e) {
    // Type errors still emit JavaScript; only a build that produced nothing is a failure.
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error(`build failed: ${String((e as { stdout?: Buffer }).stdout ?? e)}`);
  }
  cpSync(join(REPO, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
  for (const link of ['rules', 'schema', 'node_modules']) {
    if (existsSync(join(REPO, link))) symlinkSync(join(REPO, link), join(root, link));
  }
  return {
    root,
    bin: join(root, 'bin', 'communique.js'),
    load: <T>(module: string) => import(join(root, 'dist', module)) as Promise<T>,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
