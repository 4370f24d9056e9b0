/**
 * Lints every CloudFormation template (*.json, *.yaml, *.yml, *.template) under a directory with
 * the pinned cfn-lint, one process per region set. For developers and CI:
 *
 *   npx tsx scripts/lint-templates.ts DIR [--regions us-west-2,eu-west-1]
 *
 * Regions default to us-west-2 (always explicit: cfn-lint would otherwise read AWS_REGION).
 * Prints each finding (W3010, hard-coded zones, is ignored on purpose); exits 1 when any is an
 * error or when the directory holds no template, 2 on bad usage or a missing directory.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatFinding, runCfnLint } from '../test/helpers/cfn-lint.js';

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...templateFiles(full));
    else if (/\.(json|ya?ml|template)$/.test(entry)) out.push(full);
  }
  return out;
}

function main(argv: readonly string[]): number {
  let dir: string | undefined;
  let regions = ['us-west-2'];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--regions') {
      regions = (argv[i + 1] ?? '').split(',').filter((r) => r.length > 0);
      i += 1;
    } else if (arg.startsWith('--regions=')) {
      regions = arg
        .slice('--regions='.length)
        .split(',')
        .filter((r) => r.length > 0);
    } else if (dir === undefined && !arg.startsWith('-')) {
      dir = arg;
    } else {
      process.stderr.write(`lint-templates: unexpected argument ${arg}\n`);
      return 2;
    }
  }
  if (dir === undefined || regions.length === 0) {
    process.stderr.write('usage: npx tsx scripts/lint-templates.ts DIR [--regions r1,r2]\n');
    return 2;
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    process.stderr.write(`lint-templates: ${dir}: no such directory\n`);
    return 2;
  }
  if (!isDirectory) {
    process.stderr.write(`lint-templates: ${dir} is not a directory\n`);
    return 2;
  }
  const files = templateFiles(dir);
  // An empty directory is a mistake upstream (a --out-dir that wrote nothing), never a pass.
  if (files.length === 0) {
    process.stderr.write(`lint-templates: no templates (*.json, *.yaml, *.yml, *.template) under ${dir}\n`);
    return 1;
  }
  const findings = runCfnLint(files, regions);
  for (const finding of findings) process.stdout.write(`${formatFinding(finding)}\n`);
  const errors = findings.filter((f) => f.level === 'Error').length;
  process.stdout.write(
    `${files.length} templates checked for ${regions.join(', ')}: ${errors} errors, ${findings.length - errors} warnings\n`,
  );
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
