/**
 * eksctl's `create cluster --dry-run` output of a fully-private cluster, read unchanged
 * (test/fixtures/eksctl-dry-run, written from eksctl's source: see its README): it validates, it
 * plans offline, and it plans the same cluster (the same templates) as the file it came from.
 *
 * NOT YET: the nodegroup, IAM and add-on defaults eksctl writes (volumeIOPS, withAddonPolicies,
 * iam.vpcResourceControllerPolicy, addonsConfig, …) are built on the ngiam branch, not merged here
 * yet. Until they are, the test pins exactly which fields still stop each output (PENDING): when
 * that work lands, this list must shrink to nothing, or the test fails and says which field
 * changed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { repoRoot } from '../../helpers/python-tools.js';

const DIR = path.join(repoRoot, 'test/fixtures/eksctl-dry-run');

/** Fields of each output private-eks does not read yet (see the module comment). */
const PENDING: Readonly<Record<string, readonly string[]>> = {
  // eksctl writes these nodegroup defaults out; private-eks does not read them yet.
  minimal: [
    'managedNodeGroups[0].instanceSelector',
    'managedNodeGroups[0].securityGroups.withLocal',
    'managedNodeGroups[0].securityGroups.withShared',
    'managedNodeGroups[0].ssh.publicKeyPath',
    'nodeGroups[0].containerRuntime',
    'nodeGroups[0].instanceSelector',
    'nodeGroups[0].securityGroups.withLocal',
  ],
  'cluster-options': [],
  'existing-vpc': [],
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

describe.each(Object.keys(PENDING))('eksctl --dry-run output: %s', (name) => {
  const pending = PENDING[name]!;

  it('is accepted unchanged, except the fields still pending (each an error at its field)', () => {
    const errors = load(`${name}.dry-run.yaml`).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.path).sort()).toEqual([...pending].sort());
    // Every warning is V18 (vpc.nat, which eksctl always writes): said, not refused.
    const warnings = load(`${name}.dry-run.yaml`).problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => p.rule)).toEqual(['V18']);
  });

  it.runIf(pending.length === 0)('plans offline the same cluster as its source file', async () => {
    expect(await templates(`${name}.dry-run.yaml`)).toEqual(await templates(`${name}.source.yaml`));
  });

  it('has a source file that is valid and plans offline', async () => {
    expect(Object.keys(await templates(`${name}.source.yaml`)).length).toBeGreaterThan(0);
  });
});
