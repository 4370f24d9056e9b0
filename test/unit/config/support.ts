/**
 * Helpers for the config layer's tests: load inline YAML, and find where a piece of text sits in
 * it, so positions are asserted against the input rather than copied from an output.
 */
import { applyDefaults } from '../../../src/config/defaults.js';
import { loadConfig, type LoadConfigResult } from '../../../src/config/index.js';
import type { Problem, RuleId } from '../../../src/config/problem.js';
import { readConfigDocument } from '../../../src/config/read.js';
import type { RuleContext } from '../../../src/config/rules/index.js';
import type { ClusterConfigFile } from '../../../src/config/schema.js';

/** The seed's smallest valid header; tests append to it. */
export const HEADER = [
  'apiVersion: eksctl.io/v1alpha5',
  'kind: ClusterConfig',
  'metadata:',
  '  name: c1',
  '  region: us-west-2',
  'privateCluster:',
  '  enabled: true',
].join('\n');

export function lines(...parts: string[]): string {
  return parts.join('\n') + '\n';
}

export function load(
  text: string | Uint8Array,
  options: { region?: string; env?: Record<string, string> } = {},
): LoadConfigResult {
  return loadConfig({ text, file: 'test.yaml', region: options.region, env: options.env ?? {} });
}

/** 1-based line and column of the `occurrence`-th `needle` in `text`. */
export function locate(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} (#${occurrence}) not in the test's YAML`);
  }
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

export function withRule(result: LoadConfigResult, rule: RuleId): Problem[] {
  return result.problems.filter((p) => p.rule === rule);
}

/**
 * The context a rule sees for `text` as read, before the field and type checks drop what they
 * refuse (so a rule can be asked about a field the loader never lets through); `extras` may change
 * the parsed file first.
 */
export function ruleContextOf(text: string, extras: (config: Record<string, unknown>) => void = () => {}): RuleContext {
  const read = readConfigDocument(text, 'test.yaml');
  const config = structuredClone(read.value) as Record<string, unknown>;
  extras(config);
  const typed = config as ClusterConfigFile;
  return {
    config: typed,
    resolved: applyDefaults(typed, { file: 'test.yaml' }),
    source: read.sourceMap,
    file: 'test.yaml',
    regionSource: 'file',
    typeErrors: new Set(),
  };
}

/** A VALUE error at the `occurrence`-th `needle` of `text`, as the rules report it. */
export function valueError(
  text: string,
  needle: string,
  fields: { path: string; message: string; hint: string },
  occurrence = 1,
): Problem {
  return { rule: 'VALUE', severity: 'error', file: 'test.yaml', ...locate(text, needle, occurrence), ...fields };
}

/** The VALUE problems at `path` (another rule, such as REQUIRED, may report the same path). */
export function valueAt(result: LoadConfigResult, path: string): Problem[] {
  return withRule(result, 'VALUE').filter((p) => p.path === path);
}
