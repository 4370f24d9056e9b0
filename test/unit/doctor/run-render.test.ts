import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/config/problem.js';
import { awsEndpointFor } from '../../../src/doctor/aws-endpoints.js';
import { regionFromDocument } from '../../../src/doctor/document-region.js';
import {
  doctorJson,
  proxyCheck,
  renderDoctorText,
  routeOf,
  runDoctor,
  type CheckId,
  type DoctorCheck,
  type DoctorContext,
  type DoctorReport,
} from '../../../src/doctor/index.js';
import type { AwsClients } from '../../../src/aws/types.js';

// The runner and the renderers are pure logic over check results: fake checks are enough here.
const fake = (id: CheckId, run: DoctorCheck['run'], needs: { aws?: boolean; config?: boolean } = {}): DoctorCheck => ({
  id,
  title: `title of ${id}`,
  needsAws: needs.aws ?? false,
  needsConfig: needs.config ?? false,
  run,
});
const noClients = { region: 'us-west-2' } as AwsClients;
const options = { region: 'us-west-2', config: null, env: {}, clients: noClients };

describe('runDoctor', () => {
  it('skips AWS checks when credentials fail, and config checks without a config', async () => {
    const report = await runDoctor(options, [
      fake('credentials', () => Promise.resolve({ status: 'fail', detail: 'no keys', fix: 'add keys' })),
      fake('region', () => Promise.resolve({ status: 'ok', detail: 'never run' }), { aws: true }),
      fake('proxy', () => Promise.resolve({ status: 'ok', detail: 'direct' })),
      fake('vpc', () => Promise.resolve({ status: 'ok', detail: 'never run' }), { config: true }),
    ]);
    expect(report.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['credentials', 'fail', 'no keys'],
      ['region', 'skip', 'skipped: no usable AWS credentials (see credentials)'],
      ['proxy', 'ok', 'direct'],
      ['vpc', 'skip', 'skipped: the config file has errors (listed above)'],
    ]);
    expect(report.summary).toEqual({ ok: 1, warn: 0, fail: 1, skip: 2 });
    expect(report.ok).toBe(false);
    expect(report.cluster).toBeNull();
  });

  it('turns a check that throws into its failure and keeps the order', async () => {
    const report = await runDoctor(options, [
      fake('proxy', () => Promise.reject(new Error('boom'))),
      fake('eks-api', () => Promise.resolve({ status: 'warn', detail: 'slow', fix: 'wait' })),
    ]);
    expect(report.checks).toEqual([
      { id: 'proxy', title: 'title of proxy', status: 'fail', detail: 'the check itself failed: boom' },
      { id: 'eks-api', title: 'title of eks-api', status: 'warn', detail: 'slow', fix: 'wait' },
    ]);
  });

  it('is ok with warnings but no failure', async () => {
    const report = await runDoctor(options, [
      fake('proxy', () => Promise.resolve({ status: 'warn', detail: 'x', fix: 'y' })),
    ]);
    expect(report.ok).toBe(true);
  });
});

const report: DoctorReport = {
  cluster: 'private-cluster',
  region: 'us-west-2',
  checks: [
    { id: 'credentials', title: 'AWS credentials', status: 'ok', detail: 'account 1 as arn:x' },
    {
      id: 'proxy',
      title: 'proxy settings',
      status: 'warn',
      detail: 'line one\nline two',
      fix: 'NO_PROXY=.eks.amazonaws.com',
    },
    { id: 'vpc', title: 'supplied VPC', status: 'fail', detail: 'bad \u001b[31mred\u001b[0m', fix: 'fix it' },
    { id: 'oidc-tls', title: 'OIDC', status: 'skip', detail: 'off' },
  ],
  summary: { ok: 1, warn: 1, fail: 1, skip: 1 },
  ok: false,
};

describe('renderDoctorText', () => {
  it('one block per check with its fix, a summary, and no control characters from the data', () => {
    expect(renderDoctorText(report, { color: false, file: 'c.yaml' })).toBe(
      [
        'doctor: cluster "private-cluster" in us-west-2 (c.yaml)',
        '  ok   AWS credentials  account 1 as arn:x',
        '  warn proxy settings   line one',
        '                        line two',
        '                        fix: NO_PROXY=.eks.amazonaws.com',
        '  FAIL supplied VPC     bad ?[31mred?[0m',
        '                        fix: fix it',
        '  skip OIDC             off',
        '1 ok, 1 warning, 1 failed, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('colours statuses only when asked', () => {
    expect(renderDoctorText(report, { color: true })).toContain('\u001b[');
    expect(renderDoctorText({ ...report, cluster: null }, { color: false })).toMatch(/^doctor: region us-west-2\n/);
  });
});

describe('doctorJson', () => {
  it('has a stable shape for scripts', () => {
    const json = doctorJson(report, {
      calls: 2,
      httpRequests: 2,
      byAction: { 'sts:GetCallerIdentity': 2 },
      failed: 0,
    }) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['ok', 'cluster', 'region', 'summary', 'checks', 'awsCalls']);
    expect((json['checks'] as unknown[])[0]).toEqual({
      id: 'credentials',
      title: 'AWS credentials',
      status: 'ok',
      detail: 'account 1 as arn:x',
      fix: null,
    });
  });
});

describe('routeOf', () => {
  const problem = (rule: Problem['rule'], path: string): Problem => ({
    rule,
    path,
    message: 'm',
    severity: 'error',
    file: 'f',
    line: 0,
    column: 0,
  });
  it('sends each plan problem to one check', () => {
    expect(routeOf(problem('V21', 'vpc.subnets.private.us-west-2b'))).toBe('vpc');
    expect(routeOf(problem('V16', 'vpc.cidr'))).toBe('vpc');
    expect(routeOf(problem('V21', 'privateCluster.enabled'))).toBe('vpc-endpoints');
    expect(routeOf(problem('V20', 'metadata.region'))).toBe('endpoint-services');
    expect(routeOf(problem('V14', 'availabilityZones'))).toBe('endpoint-services');
  });
});

describe('proxy check', () => {
  const run = (env: Record<string, string>) => proxyCheck.run({ env, region: 'us-west-2' } as DoctorContext);

  it('shows each AWS host and its route, passwords redacted', async () => {
    const outcome = await run({
      HTTPS_PROXY: 'http://u:pw@proxy:3128',
      NO_PROXY: '.eks.amazonaws.com,sts.us-west-2.amazonaws.com',
    });
    expect(outcome.status).toBe('ok');
    expect(outcome.detail.split('\n')).toEqual([
      'HTTPS_PROXY=http://***@proxy:3128 NO_PROXY=.eks.amazonaws.com,sts.us-west-2.amazonaws.com',
      'sts.us-west-2.amazonaws.com → direct (sts.us-west-2.amazonaws.com is in NO_PROXY)',
      'ec2.us-west-2.amazonaws.com → http://***@proxy:3128 (HTTPS_PROXY)',
      'eks.us-west-2.amazonaws.com → http://***@proxy:3128 (HTTPS_PROXY)',
      'cloudformation.us-west-2.amazonaws.com → http://***@proxy:3128 (HTTPS_PROXY)',
      'iam.amazonaws.com → http://***@proxy:3128 (HTTPS_PROXY)',
      'elasticloadbalancing.us-west-2.amazonaws.com → http://***@proxy:3128 (HTTPS_PROXY)',
    ]);
  });

  it('warns with the NO_PROXY value to set', async () => {
    const outcome = await run({ https_proxy: 'http://proxy:3128' });
    expect(outcome.status).toBe('warn');
    expect(outcome.fix).toBe('NO_PROXY=.eks.amazonaws.com');
  });
});

describe('awsEndpointFor', () => {
  it('follows the SDK order: service variable, global variable, regional default', () => {
    expect(awsEndpointFor('eks', 'eu-west-1', {})).toBe('https://eks.eu-west-1.amazonaws.com');
    expect(awsEndpointFor('eks', 'cn-north-1', {})).toBe('https://eks.cn-north-1.amazonaws.com.cn');
    expect(awsEndpointFor('iam', 'us-west-2', {})).toBe('https://iam.amazonaws.com');
    expect(awsEndpointFor('eks', 'us-west-2', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_EKS: 'http://b' })).toBe(
      'http://b',
    );
    expect(awsEndpointFor('sts', 'us-west-2', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_EKS: 'http://b' })).toBe(
      'http://a',
    );
  });
});

describe('regionFromDocument', () => {
  it('reads metadata.region from YAML whose config is invalid, not from broken YAML', () => {
    expect(regionFromDocument('metadata: {name: x, region: eu-south-1}\nbogus: [1, 2')).toBeUndefined();
    expect(regionFromDocument('metadata: {name: x, region: eu-south-1}\nnodeGroups: 3\n')).toBe('eu-south-1');
    expect(regionFromDocument(new TextEncoder().encode('metadata:\n  region: us-gov-west-1\n'))).toBe('us-gov-west-1');
    expect(regionFromDocument('metadata: {region: "not a region"}')).toBeUndefined();
    expect(regionFromDocument(new Uint8Array([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});
