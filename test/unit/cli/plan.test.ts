/**
 * `private-eks plan` through the CLI, in-process (runCliCaptured) with offline facts, and once in
 * a child process to prove `plan --offline` loads no AWS SDK module.
 */
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/python-tools.js';

const run = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
  runCliCaptured(args, { cwd: repoRoot, ...options });

interface PlanJson {
  offline: boolean;
  cluster: { metadata: { name: string; region: string } };
  subnets: { az: string; cidr: string; id: string | null; private: boolean }[];
  endpoints: { service: string; type: string; serviceName: string; availabilityZones: string[]; reused: boolean }[];
  endpointAccess: { initial: { publicAccess: boolean }; switchNeeded: boolean; reason: string };
  stacks: { name: string; template: { Resources: Record<string, { Type: string }> } | null }[];
  steps: { id: string; dependsOn: string[] }[];
  cost: { hourly: number; monthly: number };
}

const MINIMAL = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: stdin-cluster
privateCluster:
  enabled: true
managedNodeGroups:
  - name: m1
    privateNetworking: true
`;

describe('plan --offline -o json', () => {
  it('examples/minimal.yaml: exactly ec2, ecr.api, ecr.dkr, sts (Interface) and s3 (Gateway), with templates', async () => {
    const result = await run(['plan', '-f', 'examples/minimal.yaml', '--offline', '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as PlanJson;
    expect(plan.offline).toBe(true);
    expect(plan.endpoints.map((e) => `${e.service}/${e.type}`).sort()).toEqual([
      'ec2/Interface',
      'ecr.api/Interface',
      'ecr.dkr/Interface',
      's3/Gateway',
      'sts/Interface',
    ]);
    expect(plan.subnets.map((s) => s.cidr)).toEqual(['192.168.96.0/19', '192.168.128.0/19', '192.168.160.0/19']);
    expect(plan.stacks.map((s) => s.name)).toEqual([
      'eksctl-private-cluster-cluster',
      'eksctl-private-cluster-nodegroup-ng1',
      'eksctl-private-cluster-nodegroup-m1',
      // eksctl's default add-ons (vpc-cni, kube-proxy, coredns, metrics-server), after the nodes.
      'eksctl-private-cluster-addons',
    ]);
    // SPEC §1: each stack carries its template; the cluster stack holds the endpoints.
    const cluster = plan.stacks[0]!.template!;
    expect(Object.values(cluster.Resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint')).toHaveLength(5);
    expect(plan.stacks.every((s) => s.template !== null)).toBe(true);
    expect(plan.endpointAccess.initial.publicAccess).toBe(false);
  });

  it('--endpoint-switch=always adds the switch as the last step', async () => {
    const result = await run([
      'plan',
      '-f',
      'examples/minimal.yaml',
      '--offline',
      '-o',
      'json',
      '--endpoint-switch',
      'always',
    ]);
    const plan = JSON.parse(result.stdout) as PlanJson;
    expect(plan.endpointAccess.switchNeeded).toBe(true);
    expect(plan.steps.at(-1)?.id).toBe('endpoint-access');
  });

  it('-o yaml prints the same document as YAML', async () => {
    const result = await run(['plan', '-f', 'examples/minimal.yaml', '--offline', '-o', 'yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^offline: true\n/);
    expect(result.stdout).toContain('serviceName: com.amazonaws.us-west-2.ecr.dkr');
  });
});

describe('plan --offline (text)', () => {
  it('prints stacks, subnets, endpoints, steps, endpoint access, cost and says it is offline', async () => {
    const result = await run(['plan', '-f', 'examples/fargate-irsa.yaml', '--offline']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    for (const heading of [
      'Stacks',
      'Network',
      'VPC endpoints',
      'Steps',
      'Endpoint access',
      'Cost of the endpoints (estimate)',
    ]) {
      expect(out).toContain(heading);
    }
    expect(out).toContain('offline: facts come from the built-in catalog');
    expect(out).toMatch(/service-accounts\s+create the IAM roles/);
    // The in-VPC runner carries the service accounts: private-only from the first minute.
    expect(out).toContain('at creation: private only');
    expect(out).toContain('run through the in-VPC runner');
    expect(out).toMatch(/\$\d+\.\d{3} per hour, \$\d+\.\d{2} per month/);
  });

  it('an IPv6 cluster says where its IPv6 addresses come from, and lists the add-ons stack', async () => {
    const ipv6 = `${MINIMAL.replace('name: stdin-cluster', 'name: stdin-cluster\n  region: us-west-2')}kubernetesNetworkConfig:\n  ipFamily: IPv6\niam:\n  withOIDC: true\naddons:\n  - name: vpc-cni\n  - name: coredns\n  - name: kube-proxy\n`;
    const result = await run(['plan', '-f', '-', '--offline'], { stdin: ipv6 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'IPv6: pods and services get IPv6 addresses from an Amazon-provided block on the new VPC, a /64 of it on each private subnet',
    );
    expect(result.stdout).toMatch(/eksctl-stdin-cluster-addons\s+addons/);
    expect(result.stdout).toMatch(
      // eksctl's default metrics-server joins the listed ones; vpc-cni's IRSA role (iam.withOIDC) comes first.
      /addons\s+create the add-on\(s\) "vpc-cni", "coredns", "kube-proxy", "metrics-server" once the nodes are there \(after nodegroup\/m1, service-accounts\)/,
    );
  });

  it('a supplied VPC offline lists what was not checked', async () => {
    const result = await run(['plan', '-f', 'examples/existing-vpc.yaml', '--offline']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Not checked (offline)');
    expect(result.stdout).toContain('subnet-0818beec303f8419b');
  });

  it("reads stdin with -f -; the region is the file's, and --region may not contradict it", async () => {
    const eu = MINIMAL.replace('name: stdin-cluster', 'name: stdin-cluster\n  region: eu-central-1');
    const result = await run(['--region', 'eu-central-1', 'plan', '-f', '-', '--offline'], { stdin: eu });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan for cluster "stdin-cluster"');
    expect(result.stdout).toContain('in eu-central-1 (aws)');
    expect(result.stdout).toContain('com.amazonaws.eu-central-1.ecr.api');
    const other = await run(['--region', 'mars-1', 'plan', '-f', '-', '--offline'], { stdin: eu });
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toContain('error: --region mars-1 contradicts metadata.region eu-central-1 in <stdin>');
  });
});

describe('plan with problems', () => {
  const bad = `${MINIMAL.replace('name: stdin-cluster', 'name: bad\n  region: us-west-2')}vpc:\n  subnets:\n    public:\n      a: { id: subnet-1 }\n`;

  it('an invalid config prints the problems like validate and exits 1, with nothing on stdout', async () => {
    const result = await run(['plan', '-f', '-', '--offline'], { stdin: bad });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('<stdin>:');
    expect(result.stderr).toContain('error V3 vpc.subnets.public');
    expect(result.stderr).toContain('1 error, 0 warnings');
  });

  it('-o json prints the validate document on stdout', async () => {
    const result = await run(['plan', '-f', '-', '--offline', '-o', 'json'], { stdin: bad });
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { valid: boolean; errors: { rule: string }[] };
    expect(doc.valid).toBe(false);
    expect(doc.errors.map((e) => e.rule)).toEqual(['V3']);
  });

  it('a plan problem (too many zones for the layout) exits 1 with the problem', async () => {
    const zones = 'abcdefghi'.split('').map((l) => `us-east-1${l}`);
    const text = `${MINIMAL.replace('name: stdin-cluster', 'name: wide\n  region: us-east-1')}availabilityZones: [${zones.join(', ')}]\n`;
    const result = await run(['plan', '-f', '-', '--offline'], { stdin: text });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('V16');
    expect(result.stderr).toContain('at most 8 zones');
  });

  it('a missing file is a usage error (exit 2); so is a bad --endpoint-switch', async () => {
    expect((await run(['plan', '-f', 'no/such.yaml', '--offline'])).code).toBe(2);
    const bad = await run(['plan', '-f', 'examples/minimal.yaml', '--offline', '--endpoint-switch', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sometimes');
  });
});

describe('plan --offline loads no AWS SDK code', () => {
  // A module resolve hook that fails the process on the first @aws-sdk/* or @smithy/* import.
  function noSdkHook(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-nosdk-'));
    const hooks = path.join(dir, 'hooks.mjs');
    const register = path.join(dir, 'register.mjs');
    writeFileSync(
      hooks,
      `export async function resolve(specifier, context, next) {
  if (/^@aws-sdk\\/|^@smithy\\//.test(specifier)) throw new Error('SDK loaded: ' + specifier);
  return next(specifier, context);
}\n`,
    );
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`,
    );
    return register;
  }

  const node = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', noSdkHook(), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'], CI: 'true' },
    });

  it('runPlan (the plan command, as create --dry-run calls it) with offline facts', async () => {
    const script = path.join(mkdtempSync(path.join(os.tmpdir(), 'private-eks-runplan-')), 'run.mts');
    writeFileSync(
      script,
      `import { runPlan } from ${JSON.stringify(path.join(repoRoot, 'src/cli/shared/run-plan.ts'))};
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, cwd: process.cwd() };
const context = { io, globals: () => ({}), signal: new AbortController().signal };
process.exitCode = await runPlan({ configFile: 'examples/minimal.yaml', offline: true, output: 'json' }, context);\n`,
    );
    const { stdout } = await node([script]);
    expect((JSON.parse(stdout) as PlanJson).endpoints).toHaveLength(5);
  });

  it('the whole CLI: private-eks plan --offline', async () => {
    const { stdout } = await node([
      'src/cli/main.ts',
      'plan',
      '-f',
      'examples/minimal.yaml',
      '--offline',
      '-o',
      'json',
    ]);
    expect((JSON.parse(stdout) as PlanJson).endpoints).toHaveLength(5);
  });
});
