/**
 * checkov (security/checkov.yaml: CloudFormation and secrets checks, offline) over the templates
 * private-eks deploys: every example in examples/ rendered through the real layers (loadConfig →
 * buildPlan offline → renderTemplates, plus the IRSA role stacks of its service accounts), and
 * the reviewed golden scenarios of test/golden/templates (full, partitions, supplied VPC, …).
 * ONE checkov process over one directory.
 *
 * Zero failed checks, except those waived in security/checkov-waivers.yaml — each with its reason
 * — and a waiver that matches nothing fails the test, so the list stays honest. A canary template
 * with known-bad resources is scanned in the same run: the checks that matter must fire on it, so
 * a scanner that silently checks nothing cannot pass.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/index.js';
import { serviceAccountRoleTemplate, serviceAccountStackName } from '../../../src/deploy/service-account-roles.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { ensurePythonTools, repoRoot } from '../../helpers/python-tools.js';

const CONFIG = path.join(repoRoot, 'security/checkov.yaml');
const WAIVERS = path.join(repoRoot, 'security/checkov-waivers.yaml');
const GOLDEN = path.join(repoRoot, 'test/golden/templates');
const CANARY_DIR = 'canary';

interface Waiver {
  readonly check: string;
  /** checkov's resource ids (`AWS::EKS::Cluster.ControlPlane`), `*` matching any run of characters. */
  readonly resources: readonly string[];
  /** Scanned files (relative, e.g. `examples/minimal/*.json`); absent = every file. */
  readonly files?: readonly string[];
  readonly reason: string;
}

interface Finding {
  readonly check: string;
  readonly name: string;
  readonly resource: string;
  /** Relative to the scanned directory, without the leading slash. */
  readonly file: string;
}

interface Scan {
  readonly passed: Finding[];
  readonly failed: Finding[];
  readonly resources: number;
  readonly parsingErrors: string[];
  readonly seconds: number;
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

function readWaivers(): Waiver[] {
  const doc = parse(readFileSync(WAIVERS, 'utf8')) as { waivers?: unknown };
  if (!Array.isArray(doc.waivers)) throw new Error(`${WAIVERS}: expected a top-level "waivers" list`);
  return doc.waivers.map((raw: Record<string, unknown>, i) => {
    const where = `${WAIVERS} waivers[${i}]`;
    const unknown = Object.keys(raw).filter((k) => !['check', 'resources', 'files', 'reason'].includes(k));
    if (unknown.length > 0) throw new Error(`${where}: unknown field(s) ${unknown.join(', ')}`);
    if (typeof raw['check'] !== 'string' || !/^CKV2?_[A-Z]+_\d+$/.test(raw['check']))
      throw new Error(`${where}: "check" must be a checkov id such as CKV_AWS_58`);
    const resources: unknown = raw['resources'];
    if (!Array.isArray(resources) || resources.length === 0 || !resources.every((r) => typeof r === 'string'))
      throw new Error(`${where}: "resources" must be a non-empty list of resource patterns`);
    const files: unknown = raw['files'];
    if (files !== undefined && (!Array.isArray(files) || !files.every((f) => typeof f === 'string')))
      throw new Error(`${where}: "files" must be a list of file patterns`);
    if (typeof raw['reason'] !== 'string' || raw['reason'].trim().length < 40)
      throw new Error(`${where}: "reason" must say why (at least a sentence)`);
    return {
      check: raw['check'],
      resources: resources,
      ...(files === undefined ? {} : { files: files }),
      reason: raw['reason'],
    };
  });
}

const matches = (w: Waiver, f: Finding): boolean =>
  w.check === f.check &&
  w.resources.some((r) => globToRegExp(r).test(f.resource)) &&
  (w.files === undefined || w.files.some((g) => globToRegExp(g).test(f.file)));

async function writeExampleTemplates(dir: string): Promise<number> {
  let count = 0;
  const examples = readdirSync(path.join(repoRoot, 'examples')).filter((f) => /\.ya?ml$/.test(f));
  for (const file of examples.sort()) {
    const loaded = loadConfig({ text: readFileSync(path.join(repoRoot, 'examples', file)), file, env: {} });
    if (loaded.config === undefined) throw new Error(`examples/${file} is invalid`);
    const { plan } = await buildPlan(loaded.config, createOfflineFacts());
    if (plan === undefined) throw new Error(`examples/${file} cannot be planned`);
    const out = path.join(dir, 'examples', file.replace(/\.ya?ml$/, ''));
    mkdirSync(out, { recursive: true });
    for (const [stack, template] of renderTemplates(plan)) {
      writeFileSync(path.join(out, `${stack}.json`), templateJson(template));
      count++;
    }
    // IRSA role stacks are built at deploy time (the OIDC issuer is known only then): scan them
    // with a stand-in provider, as deploy would write them.
    const cluster = plan.cluster.metadata.name;
    for (const sa of plan.cluster.iam.serviceAccounts) {
      const issuerUrl = `https://oidc.eks.${plan.region.name}.amazonaws.com/id/EXAMPLE0123456789`;
      const template = serviceAccountRoleTemplate({
        serviceAccount: sa,
        providerArn: `arn:aws:iam::111122223333:oidc-provider/${issuerUrl.slice('https://'.length)}`,
        issuerUrl,
        tags: { 'alpha.eksctl.io/cluster-name': cluster },
      });
      writeFileSync(path.join(out, `${serviceAccountStackName(cluster, sa)}.json`), templateJson(template));
      count++;
    }
  }
  return count;
}

/** The reviewed scenarios beyond the examples (which are rendered live above). */
function copyGoldenScenarios(dir: string): number {
  let count = 0;
  for (const scenario of readdirSync(GOLDEN).filter((d) => d !== 'examples')) {
    cpSync(path.join(GOLDEN, scenario), path.join(dir, 'golden', scenario), { recursive: true });
    count += readdirSync(path.join(GOLDEN, scenario)).length;
  }
  return count;
}

/** Resources every check below must fail on; the key-like string is assembled so no scanner flags this file. */
function writeCanary(dir: string): void {
  const fakeKey = ['AKIA', 'Z7QW3XK5', 'PL2MNBVC'].join('');
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      OpenSsh: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'canary',
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
        },
      },
      PublicImdsV1: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: {
          LaunchTemplateData: {
            MetadataOptions: { HttpTokens: 'optional' },
            NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
          },
        },
      },
      Leaky: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Type: 'String', Value: 'x', Description: `aws_access_key_id = ${fakeKey}` },
      },
    },
  };
  mkdirSync(path.join(dir, CANARY_DIR), { recursive: true });
  writeFileSync(path.join(dir, CANARY_DIR, 'insecure.json'), JSON.stringify(template, null, 2));
}

interface CheckovReport {
  check_type: string;
  results: Record<
    'passed_checks' | 'failed_checks',
    { check_id: string; check_name: string; resource: string; file_path: string }[]
  > & {
    parsing_errors: string[];
  };
  summary: { resource_count: number };
}

function runCheckov(dir: string): Scan {
  const { checkov } = ensurePythonTools({ checkov: true });
  // No network: no API key, --skip-download (config), no PyPI version check, and every proxy
  // variable pointing at a closed loopback port so an unexpected request fails instead of leaving.
  const closed = 'http://127.0.0.1:9';
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    LANG: 'C.UTF-8',
    CKV_SKIP_PACKAGE_UPDATE_CHECK: 'true',
    BC_SKIP_MAPPING: 'TRUE',
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    ALL_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
  };
  const started = performance.now();
  const result = spawnSync(checkov!, ['--config-file', CONFIG, '-d', dir], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  // checkov exits 1 when a check failed (the canary guarantees some); anything else is a crash.
  if (result.status !== 1 && result.status !== 0) {
    throw new Error(`checkov failed (exit ${String(result.status)}): ${result.stderr.slice(-2000)}`);
  }
  const parsed = JSON.parse(result.stdout) as CheckovReport | CheckovReport[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  const toFinding = (r: CheckovReport['results']['passed_checks'][number]): Finding => ({
    check: r.check_id,
    name: r.check_name,
    resource: r.resource,
    file: r.file_path.replace(/^\//, ''),
  });
  return {
    passed: reports.flatMap((r) => r.results.passed_checks.map(toFinding)),
    failed: reports.flatMap((r) => r.results.failed_checks.map(toFinding)),
    resources: reports.reduce((n, r) => n + r.summary.resource_count, 0),
    parsingErrors: reports.flatMap((r) => r.results.parsing_errors),
    seconds,
  };
}

describe('checkov', () => {
  let dir: string;
  let scan: Scan;
  let templates: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'private-eks-checkov-'));
    templates = (await writeExampleTemplates(dir)) + copyGoldenScenarios(dir);
    writeCanary(dir);
    scan = runCheckov(dir);
  }, 300_000);

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const ours = (findings: readonly Finding[]) => findings.filter((f) => !f.file.startsWith(`${CANARY_DIR}/`));

  it('finds no failure in the templates but the waived ones, and every waiver still matches', () => {
    const waivers = readWaivers();
    const failed = ours(scan.failed);
    const unwaived = failed.filter((f) => !waivers.some((w) => matches(w, f)));
    const unused = waivers.filter((w) => !failed.some((f) => matches(w, f)));

    const checks = new Set([...ours(scan.passed), ...failed].map((f) => f.check));
    console.log(
      `checkov: ${templates} templates, ${scan.resources} resources, ${checks.size} checks run, ` +
        `${ours(scan.passed).length} passed, ${failed.length} failed (${failed.length - unwaived.length} waived) ` +
        `in ${scan.seconds.toFixed(1)} s`,
    );
    for (const w of waivers)
      console.log(`  waived ${w.check}: ${failed.filter((f) => matches(w, f)).length} result(s)`);

    expect(templates).toBeGreaterThan(40);
    expect(scan.parsingErrors).toEqual([]);
    expect(unwaived.map((f) => `${f.check} ${f.name}: ${f.resource} in ${f.file}`)).toEqual([]);
    expect(unused.map((w) => `${w.check} (${w.resources.join(', ')}) matches nothing: remove it`)).toEqual([]);
  });

  it('really checks: the canary fails on an open SSH port, IMDSv1, a public IP and a leaked key', () => {
    const canary = new Set(scan.failed.filter((f) => f.file.startsWith(`${CANARY_DIR}/`)).map((f) => f.check));
    expect([...canary].sort()).toEqual(expect.arrayContaining(['CKV_AWS_24', 'CKV_AWS_79', 'CKV_AWS_88']));
    expect([...canary].some((c) => c.startsWith('CKV_SECRET_'))).toBe(true);
  });

  it('scans the resource types private-eks deploys, with the checks that guard them', () => {
    const checked = new Set(ours([...scan.passed, ...scan.failed]).map((f) => f.check));
    // IMDSv2 and no public IP on launch templates, no open SSH/RDP, EKS secrets encryption, IAM
    // trust and policy checks. (No log-retention check: the control-plane log group is made or
    // adopted through the API, not a template, so an old one can never roll a stack back.)
    for (const check of ['CKV_AWS_79', 'CKV_AWS_88', 'CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_58', 'CKV_AWS_60']) {
      expect(checked, check).toContain(check);
    }
  });
});
