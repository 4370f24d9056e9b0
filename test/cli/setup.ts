/**
 * Global setup of the `cli` test project: the tests run the bundle (`npm run build`), so it is
 * built here from the current sources, unless PRIVATE_EKS_CLI names an installed CLI to test
 * instead (the packed tarball, see test/helpers/built-cli.ts).
 */
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../helpers/python-tools.js';

export default function setup(): void {
  if ((process.env['PRIVATE_EKS_CLI'] ?? '') !== '') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}
