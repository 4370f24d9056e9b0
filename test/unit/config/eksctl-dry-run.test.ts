/**
 * eksctl's `create cluster --dry-run` output of a fully-private cluster, read unchanged
 * (test/fixtures/eksctl-dry-run, written from eksctl's source: see its README): it validates, it
 * plans offline, and it plans the same cluster (the same templates) as the file it came from.
 *
 * What eksctl writes for options left unset (`instanceSelector: {}`, `ssh.publicKeyPath: ""`,
 * `securityGroups.withShared: null`, `containerRuntime: containerd`) is read as unset
 * (src/config/inert-fields.ts); the warnings each output gets are pinned here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { repoRoot } from '../../helpers/python-tools.js';

const DIR = path.join(repoRoot, 'test/fixtures/eksctl-dry-run');

/** The warnings each output gets (`rule path`): said, not refused. */
const WARNINGS: Readonly<Record<string, readonly string[]>> = {
  // eksctl always writes vpc.nat (V18); a self-managed nodegroup gets withLocal: true (V19, ignored).
  minimal: ['V19 nodeGroups[0].securityGroups.withLocal', 'V18 vpc.nat'],
  'cluster-options': ['V18 vpc.nat'],
  'existing-vpc': ['V18 vpc.nat'],
};

function load(file: string) {
  return loadConfig({ text: readFileSync(path.join(DIR, file)), file, env: {} });
}

async function templates(file: string): Promise<Record<string, string>> {
  const loaded = load(file);
  expect(
    loaded.problems.filter((p) => p.severity === 'error'),
    file,
  ).toEqual([]);
  const built = await buildPlan(loaded.config!, createOfflineFacts());
  expect(built.plan, JSON.stringify(built.problems)).toBeDefined();
  return Object.fromEntries([...renderTemplates(built.plan!)].map(([stack, t]) => [stack, templateJson(t)]));
}

describe.each(Object.keys(WARNINGS))('eksctl --dry-run output: %s', (name) => {
  it('is accepted unchanged: no error, only the known warnings', () => {
    const problems = load(`${name}.dry-run.yaml`).problems;
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => `${p.rule} ${p.path}`)).toEqual(WARNINGS[name]);
  });

  it('plans offline the same cluster as its source file', async () => {
    expect(await templates(`${name}.dry-run.yaml`)).toEqual(await templates(`${name}.source.yaml`));
  });

  it('has a source file that is valid and plans offline', async () => {
    expect(Object.keys(await templates(`${name}.source.yaml`)).length).toBeGreaterThan(0);
  });
});
