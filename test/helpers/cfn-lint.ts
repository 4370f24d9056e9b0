/**
 * Runs AWS's template linter (the pinned `.venv-aws/bin/cfn-lint`, from ensurePythonTools) over
 * template files: ONE cfn-lint process per region set, since start-up costs seconds. Regions are
 * always given explicitly (otherwise AWS_REGION of the test environment leaks in, TESTBED §4) and
 * `--` comes before the files (else cfn-lint reads a path as one more region).
 *
 * W3010 ("do not hard-code availability zones") is ignored: private-eks writes literal zones on
 * purpose, so the network part also runs on moto (TESTBED §3.4).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePythonTools } from './python-tools.js';

export const IGNORED_RULES = ['W3010'] as const;

export interface CfnLintFinding {
  readonly rule: string;
  readonly level: 'Error' | 'Warning' | 'Informational';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  /** e.g. `Resources/VPC/Properties/EnableDnsHostnames` */
  readonly path: string;
}

interface RawFinding {
  Rule: { Id: string };
  Level: CfnLintFinding['level'];
  Message: string;
  Filename: string;
  Location: { Start: { LineNumber: number }; Path?: (string | number)[] | null };
}

/** Lints `files` for `regions` in one cfn-lint process and returns every finding. */
export function runCfnLint(files: readonly string[], regions: readonly string[]): CfnLintFinding[] {
  if (files.length === 0) return [];
  if (regions.length === 0) throw new Error('runCfnLint: name the regions explicitly');
  const { cfnLint } = ensurePythonTools();
  const args = [
    '--regions',
    ...regions,
    '--format',
    'json',
    '--non-zero-exit-code',
    'error',
    ...IGNORED_RULES.flatMap((rule) => ['--ignore-checks', rule]),
    '--',
    ...files,
  ];
  const result = spawnSync(cfnLint, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Exit 0 = no errors, 2 = errors found; anything else (1: usage or crash) is a failure of the
  // linter itself, which must never pass for "no findings".
  if (result.status !== 0 && result.status !== 2) {
    throw new Error(`cfn-lint failed (exit ${String(result.status)}): ${result.stderr || result.stdout}`);
  }
  const raw = JSON.parse(result.stdout.trim() === '' ? '[]' : result.stdout) as RawFinding[];
  return raw.map((f) => ({
    rule: f.Rule.Id,
    level: f.Level,
    message: f.Message,
    file: f.Filename,
    line: f.Location.Start.LineNumber,
    path: (f.Location.Path ?? []).join('/'),
  }));
}

export interface TemplateToLint {
  /** A file name for messages, e.g. `minimal/eksctl-c-cluster.json`. */
  readonly name: string;
  readonly region: string;
  /** The template's JSON text. */
  readonly body: string;
}

/**
 * Writes templates to a temporary directory and lints them, one cfn-lint process per region.
 * Findings name files relative to that directory (the `name` given).
 */
export function lintTemplateTexts(templates: readonly TemplateToLint[]): CfnLintFinding[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'private-eks-cfn-lint-'));
  try {
    const byRegion = new Map<string, string[]>();
    for (const template of templates) {
      const file = path.join(dir, template.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, template.body);
      byRegion.set(template.region, [...(byRegion.get(template.region) ?? []), file]);
    }
    const findings: CfnLintFinding[] = [];
    for (const [region, files] of byRegion) {
      findings.push(...runCfnLint(files, [region]).map((f) => ({ ...f, file: path.relative(dir, f.file) })));
    }
    return findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per finding, for test output and the script. */
export function formatFinding(finding: CfnLintFinding): string {
  // Some messages list every allowed value (all instance types): keep the line readable.
  const message = finding.message.length > 300 ? `${finding.message.slice(0, 300)}…` : finding.message;
  return `${finding.file}:${finding.line} ${finding.level} ${finding.rule} ${finding.path}: ${message}`;
}
