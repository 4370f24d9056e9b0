/**
 * The IAM policy of `utils iam-policy`: complete for what the templates contain and what the
 * source calls, narrow where IAM allows, stable (docs/iam-policy.json is its reviewed copy,
 * rewritten with UPDATE_GOLDENS=1). The recorded-calls check runs with the integration suite
 * (test/helpers/aws-call-log.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildIamPolicy,
  CALLS,
  checkPolicyCoverage,
  CLOUDFORMATION_RESOURCES,
  parsePolicyCommands,
  POLICY_COMMANDS,
  statementsAllowing,
} from '../../../src/iam-policy/index.js';
import { NOT_RESOURCES } from '../../../src/iam-policy/cloudformation-resources.js';
import { repoRoot } from '../../helpers/python-tools.js';

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

describe('the IAM policy', () => {
  const policy = buildIamPolicy();

  it('has a CloudFormation row for every resource type in every golden template', () => {
    const types = new Set<string>();
    for (const file of filesUnder(path.join(repoRoot, 'test/golden/templates'), '.json')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/"Type": "(AWS::[A-Za-z0-9:]+)"/g)) types.add(match[1]!);
    }
    expect(types.size).toBeGreaterThan(15);
    const missing = [...types].filter((t) => CLOUDFORMATION_RESOURCES[t] === undefined && !NOT_RESOURCES.has(t));
    expect(missing).toEqual([]);
  });

  it('allows every IAM-style action the source names in an AWS call', () => {
    const actions = new Set<string>();
    for (const dir of ['src/deploy', 'src/doctor', 'src/plan', 'src/aws']) {
      for (const file of filesUnder(path.join(repoRoot, dir), '.ts')) {
        const text = readFileSync(file, 'utf8');
        // callAws('ec2:DescribeVpcs', …) and toAwsCallError('…') name the action they send.
        for (const m of text.matchAll(
          /(?:callAws|awsFailure|toAwsCallError|action:)\s*\(?\s*'([a-z0-9-]+:[A-Za-z]+)'/g,
        ))
          actions.add(m[1]!);
      }
    }
    expect(actions.size).toBeGreaterThan(10);
    expect([...actions].filter((a) => statementsAllowing(policy, a).length === 0)).toEqual([]);
  });

  it('grants no wildcard action, and only read actions without a resource scope except where IAM has none', () => {
    for (const statement of policy.Statement) {
      for (const action of statement.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z]+$/);
    }
    const iamOnAnything = policy.Statement.filter((s) => s.Resource.includes('*')).flatMap((s) =>
      s.Action.filter(
        (a) => a.startsWith('iam:') || a.startsWith('cloudformation:Create') || a.startsWith('cloudformation:Delete'),
      ),
    );
    expect(iamOnAnything).toEqual([]);
  });

  it('scopes stacks, roles and PassRole to what private-eks makes', () => {
    const scoped = buildIamPolicy({ account: '123456789012', region: 'eu-west-1', partition: 'aws' });
    const of = (action: string) => statementsAllowing(scoped, action);
    expect(of('cloudformation:CreateStack').map((s) => s.Resource)).toEqual([
      ['arn:aws:cloudformation:eu-west-1:123456789012:stack/eksctl-*/*'],
    ]);
    expect(of('iam:CreateRole').map((s) => s.Resource)).toEqual([['arn:aws:iam::123456789012:role/eksctl-*']]);
    const passRole = of('iam:PassRole');
    expect(passRole).toHaveLength(1);
    expect(passRole[0]?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': expect.arrayContaining(['eks.amazonaws.com', 'ec2.amazonaws.com']) },
    });
  });

  it('gives a read-only command read-only actions', () => {
    for (const command of ['get', 'doctor', 'plan'] as const) {
      const actions = buildIamPolicy({ commands: [command] }).Statement.flatMap((s) => s.Action);
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => !/:(Describe|List|Get)/.test(a))).toEqual([]);
    }
    const get = buildIamPolicy({ commands: ['get'] }).Statement.flatMap((s) => s.Action);
    expect(get).not.toContain('cloudformation:CreateStack');
  });

  it('grows with a command: create needs what delete needs to roll back', () => {
    const create = new Set(buildIamPolicy({ commands: ['create'] }).Statement.flatMap((s) => s.Action));
    expect(create.has('eks:DeleteCluster')).toBe(true);
    expect(create.has('iam:DeleteRole')).toBe(true);
  });

  it('names every command in the table, and refuses unknown ones', () => {
    for (const row of CALLS) for (const command of row.commands) expect(POLICY_COMMANDS).toContain(command);
    expect(parsePolicyCommands(['create', 'get'])).toEqual(['create', 'get']);
    expect(parsePolicyCommands(['upgrade'])).toEqual({
      error: `unknown command upgrade; choose from ${POLICY_COMMANDS.join(', ')}`,
    });
  });

  it('reports recorded calls it does not cover, and rows no call used', () => {
    const coverage = checkPolicyCoverage([
      { action: 'ec2:DescribeVpcs', ok: true },
      { action: 'ec2:TerminateInstances', ok: true },
    ]);
    expect(coverage.uncovered).toEqual(['ec2:TerminateInstances']);
    expect(coverage.unusedRows).toContain('eks:ListClusters');
    expect(coverage.unusedRows).not.toContain('ec2:DescribeVpcs');
  });

  it('matches its reviewed copy docs/iam-policy.json', () => {
    const file = path.join(repoRoot, 'docs/iam-policy.json');
    const text = `${JSON.stringify(policy, null, 2)}\n`;
    if (process.env['UPDATE_GOLDENS'] === '1') writeFileSync(file, text);
    expect(existsSync(file), 'run UPDATE_GOLDENS=1 npx vitest run test/unit/iam-policy').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
