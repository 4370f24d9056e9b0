/**
 * `private-eks doctor` against the moto emulator: the CLI in-process (runCliCaptured) for what a
 * user runs, and runDoctor directly where a check needs a stand-in moto cannot be (an OIDC issuer
 * on a loopback TLS server, a cluster endpoint on a loopback TCP port). Supplied VPCs are made in
 * moto by the test. The SDK reads AWS_* from process.env, so those are stubbed to moto's values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AssociateRouteTableCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients, type BuiltAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config/index.js';
import type { ResolvedConfig } from '../../src/config/resolved.js';
import { runDoctor, type CheckId, type CheckStatus, type DoctorReport } from '../../src/doctor/index.js';
import { runCliCaptured } from '../helpers/cli.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { repoRoot } from '../helpers/python-tools.js';
import { createTestPki, opensslSha1Fingerprint, startTlsServer } from '../helpers/tls-server.js';

let moto: MotoServer;
let scratch: string;
const region = 'us-west-2';

beforeAll(async () => {
  moto = await startMoto();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'private-eks-doctor-'));
});
afterAll(async () => {
  await moto?.stop();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  await moto.reset();
  for (const [key, value] of Object.entries(moto.env)) if (key.startsWith('AWS_')) vi.stubEnv(key, value);
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'])
    vi.stubEnv(key, '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

interface JsonReport {
  ok: boolean;
  checks: { id: CheckId; status: CheckStatus; detail: string; fix: string | null }[];
  awsCalls: { calls: number; byAction: Record<string, number> };
}

/** `private-eks doctor` in-process with the emulator's environment (plus `extraEnv`). */
async function doctorCli(file: string, options: { extraEnv?: Record<string, string>; json?: boolean } = {}) {
  const run = await runCliCaptured(['doctor', '-f', file, ...(options.json === true ? ['-o', 'json'] : [])], {
    env: { ...moto.env, ...options.extraEnv },
    cwd: repoRoot,
  });
  return run;
}

async function doctorJson(file: string, extraEnv?: Record<string, string>) {
  const run = await doctorCli(file, { json: true, ...(extraEnv === undefined ? {} : { extraEnv }) });
  const report = JSON.parse(run.stdout) as JsonReport;
  const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status])) as Record<CheckId, CheckStatus>;
  const check = (id: CheckId) => report.checks.find((c) => c.id === id)!;
  return { run, report, status, check };
}

function writeConfig(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const example = (name: string) => readFileSync(path.join(repoRoot, 'examples', name), 'utf8');

const ec2 = () => new EC2Client({ region });

interface SuppliedVpc {
  readonly vpcId: string;
  readonly subnets: Record<'us-west-2b' | 'us-west-2c' | 'us-west-2d', string>;
  readonly routeTables: string[];
  readonly mainRouteTable: string;
}

/**
 * A VPC as the seed's user-supplied example wants it: DNS support and hostnames on, one private
 * subnet in each of us-west-2b/c/d with its own explicitly associated route table — or, for the
 * subnets listed in `onMain`, explicitly on the main route table, and in `unassociated`, on none.
 */
async function createSuppliedVpc(options: { onMain?: string[]; unassociated?: string[] } = {}): Promise<SuppliedVpc> {
  const client = ec2();
  const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc!.VpcId!;
  await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  await client.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  const main = (
    await client.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    )
  ).RouteTables![0]!.RouteTableId!;
  const subnets = {} as Record<'us-west-2b' | 'us-west-2c' | 'us-west-2d', string>;
  const routeTables: string[] = [];
  const zones = ['us-west-2b', 'us-west-2c', 'us-west-2d'] as const;
  for (const [i, zone] of zones.entries()) {
    const subnetId = (
      await client.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.40.${i * 32}.0/19`, AvailabilityZone: zone }),
      )
    ).Subnet!.SubnetId!;
    subnets[zone] = subnetId;
    if (options.unassociated?.includes(zone) === true) continue;
    if (options.onMain?.includes(zone) === true) {
      await client.send(new AssociateRouteTableCommand({ RouteTableId: main, SubnetId: subnetId }));
      continue;
    }
    const rtb = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await client.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnetId }));
    routeTables.push(rtb);
  }
  client.destroy();
  return { vpcId, subnets, routeTables, mainRouteTable: main };
}

/** examples/existing-vpc.yaml with the seed's subnet ids replaced by the test VPC's. */
function existingVpcConfig(vpc: SuppliedVpc, edit: (text: string) => string = (t) => t): string {
  const text = example('existing-vpc.yaml')
    .replace('subnet-0818beec303f8419b', vpc.subnets['us-west-2b'])
    .replace('subnet-0d42ef09490805e2a', vpc.subnets['us-west-2c'])
    .replace('subnet-0da7418077077c5f9', vpc.subnets['us-west-2d']);
  return writeConfig(`existing-vpc-${vpc.vpcId}.yaml`, edit(text));
}

describe('doctor on good configs', () => {
  it('examples/minimal.yaml: every check passes or does not apply', async () => {
    const text = await doctorCli('examples/minimal.yaml');
    console.info(`[doctor figures] examples/minimal.yaml (exit ${text.code}):\n${text.stdout}`);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');

    const { run, status, check, report } = await doctorJson('examples/minimal.yaml');
    expect(run.code).toBe(0);
    expect(status).toEqual({
      credentials: 'ok',
      region: 'ok',
      proxy: 'ok',
      'eks-api': 'ok',
      'endpoint-services': 'ok',
      vpc: 'skip',
      'vpc-endpoints': 'skip',
      'oidc-tls': 'skip',
      'cluster-endpoint': 'ok',
      'cluster-verify': 'skip',
    });
    expect(check('credentials').detail).toBe('account 123456789012 as arn:aws:sts::123456789012:user/moto');
    expect(check('endpoint-services').detail.split('\n')).toEqual([
      'zones us-west-2a, us-west-2b, us-west-2c',
      'ec2 (Interface): us-west-2a, us-west-2b, us-west-2c',
      'ecr.api (Interface): us-west-2a, us-west-2b, us-west-2c',
      'ecr.dkr (Interface): us-west-2a, us-west-2b, us-west-2c',
      's3 (Gateway): route tables PrivateRouteTableUSWEST2A, PrivateRouteTableUSWEST2B, PrivateRouteTableUSWEST2C',
      'sts (Interface): us-west-2a, us-west-2b, us-west-2c',
    ]);
    expect(check('cluster-endpoint').detail).toBe('cluster "private-cluster" not created yet');
    expect(check('proxy').detail).toContain('→ direct');
    // One DescribeCluster and one plan for all checks (memoised lookups).
    expect(report.awsCalls.byAction['eks:DescribeCluster']).toBe(1);
    expect(report.awsCalls.byAction['sts:GetCallerIdentity']).toBe(1);
  });

  it('examples/existing-vpc.yaml with a VPC made in the emulator: VPC, route tables and endpoints check out', async () => {
    const vpc = await createSuppliedVpc();
    const file = existingVpcConfig(vpc);
    const text = await doctorCli(file);
    console.info(
      `[doctor figures] examples/existing-vpc.yaml, subnets of ${vpc.vpcId} (exit ${text.code}):\n${text.stdout}`,
    );
    expect(text.code).toBe(0);

    const { status, check } = await doctorJson(file);
    expect(status).toMatchObject({
      credentials: 'ok',
      region: 'ok',
      vpc: 'ok',
      'vpc-endpoints': 'ok',
      'endpoint-services': 'ok',
    });
    const vpcLines = check('vpc').detail.split('\n');
    expect(vpcLines[0]).toBe(`${vpc.vpcId} (10.40.0.0/16): DNS support and DNS hostnames on`);
    for (const [i, zone] of (['us-west-2b', 'us-west-2c', 'us-west-2d'] as const).entries()) {
      expect(vpcLines).toContain(
        `${vpc.subnets[zone]} (${zone}, 10.40.${i * 32}.0/19, route table ${vpc.routeTables[i]})`,
      );
    }
    expect(check('vpc-endpoints').detail).toBe('reuses none; creates ec2, ecr.api, ecr.dkr, s3, sts, autoscaling');
    expect(check('endpoint-services').detail).toContain(`s3 (Gateway): route tables ${vpc.routeTables.join(', ')}`);
  });

  it('reports an endpoint the supplied VPC already has as reused', async () => {
    const vpc = await createSuppliedVpc();
    const client = ec2();
    const endpoint = (
      await client.send(
        new CreateVpcEndpointCommand({
          VpcId: vpc.vpcId,
          ServiceName: 'com.amazonaws.us-west-2.ec2',
          VpcEndpointType: 'Interface',
          SubnetIds: Object.values(vpc.subnets),
          PrivateDnsEnabled: true,
        }),
      )
    ).VpcEndpoint!.VpcEndpointId!;
    client.destroy();
    const { status, check } = await doctorJson(existingVpcConfig(vpc));
    expect(status['vpc-endpoints']).toBe('ok');
    expect(check('vpc-endpoints').detail).toBe(
      `reuses ec2 (${endpoint}); creates ecr.api, ecr.dkr, s3, sts, autoscaling`,
    );
  });
});

describe('doctor on configs with a problem', () => {
  it('a region the emulator rejects: region and planning fail, exit 1', async () => {
    const file = writeConfig(
      'bad-region.yaml',
      example('minimal.yaml').replace('region: us-west-2', 'region: xx-fake-1'),
    );
    vi.stubEnv('AWS_REGION', 'xx-fake-1');
    const { run, status, check } = await doctorJson(file, { AWS_REGION: 'xx-fake-1' });
    expect(run.code).toBe(1);
    expect(status.credentials).toBe('ok');
    expect(status.region).toBe('fail');
    expect(check('region').detail).toContain(
      'failed: HTTP 500 with a body that is not an AWS response (the endpoint failed internally)',
    );
    expect(check('region').fix).toContain('check AWS_ENDPOINT_URL');
    // The file's region is not one private-eks knows (V15), so the checks that plan are skipped.
    expect(status['endpoint-services']).toBe('skip');
  });

  it("a supplied subnet on the main route table: the vpc check fails with eksctl's message", async () => {
    const vpc = await createSuppliedVpc({ onMain: ['us-west-2c'] });
    const { run, status, check } = await doctorJson(existingVpcConfig(vpc));
    expect(run.code).toBe(1);
    expect(status.vpc).toBe('fail');
    expect(check('vpc').detail).toContain(
      'subnets must be associated with a non-main route table; private-eks does not modify the main route table',
    );
    expect(check('vpc').detail).toContain(vpc.subnets['us-west-2c']);
  });

  it("a supplied subnet with no explicit route table: the vpc check fails with eksctl's message", async () => {
    const vpc = await createSuppliedVpc({ unassociated: ['us-west-2d'] });
    const { status, check } = await doctorJson(existingVpcConfig(vpc));
    expect(status.vpc).toBe('fail');
    expect(check('vpc').detail).toContain(
      `failed to find an explicit route table associated with subnet "${vpc.subnets['us-west-2d']}"; private-eks does not modify the main route table`,
    );
  });

  it('skipEndpointCreation in a VPC without the endpoints: vpc-endpoints fails and names them', async () => {
    const vpc = await createSuppliedVpc();
    const file = existingVpcConfig(vpc, (t) =>
      t.replace(
        / {2}additionalEndpointServices:\n {4}# For the Cluster Autoscaler\n {4}- "autoscaling"\n/,
        '  skipEndpointCreation: true\n',
      ),
    );
    const { run, status, check } = await doctorJson(file);
    expect(run.code).toBe(1);
    expect(status['endpoint-services']).toBe('skip');
    expect(status['vpc-endpoints']).toBe('fail');
    expect(check('vpc-endpoints').detail).toMatch(
      /^the VPC lacks required endpoints: ec2, ecr\.api, ecr\.dkr, s3, sts;/,
    );
    expect(check('vpc-endpoints').fix).toContain('S3 gateway endpoint');
  });

  it('a proxy without NO_PROXY coverage of the cluster endpoint: warns with the exact value to set', async () => {
    const { run, status, check } = await doctorJson('examples/minimal.yaml', {
      HTTPS_PROXY: 'http://user:secret@proxy.example.internal:3128',
      NO_PROXY: '127.0.0.1',
    });
    expect(run.code).toBe(0);
    expect(status.proxy).toBe('warn');
    expect(check('proxy').fix).toBe('NO_PROXY=127.0.0.1,.eks.amazonaws.com');
    expect(check('proxy').detail).toContain('HTTPS_PROXY=http://***@proxy.example.internal:3128');
    expect(run.stdout).not.toContain('secret');
  });

  // The shapes that leaked before: no scheme (read by `new URL` as the scheme `user:`), IPv6,
  // percent-encoding, an unusual scheme. Text and JSON, stdout and stderr.
  it.each([
    'user:s3cretpw@127.0.0.1:9',
    'user:s3cretpw@[::1]:9',
    'http://us%40er:s3cret%2Fpw@proxy.example.internal:3128',
    'socks5h://user:s3cretpw@proxy.example.internal:1080',
  ])('HTTPS_PROXY=%s: no output shows the password', async (proxy) => {
    const env = { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, NO_PROXY: '127.0.0.1' };
    for (const json of [false, true]) {
      const run = await doctorCli('examples/minimal.yaml', { extraEnv: env, json });
      expect(run.stdout).toContain('***@');
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/s3cret|us%40er|us@er/);
    }
  });

  it('no credentials at all: credentials fails and the AWS checks are skipped', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const { run, status, check } = await doctorJson('examples/minimal.yaml', {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
    });
    expect(run.code).toBe(1);
    expect(status.credentials).toBe('fail');
    expect(check('credentials').detail).toContain('sts:GetCallerIdentity failed: CredentialsProviderError');
    expect(check('credentials').fix).toContain('configure AWS credentials');
    for (const id of ['region', 'eks-api', 'endpoint-services', 'cluster-endpoint'] as const)
      expect(status[id]).toBe('skip');
    expect(status.proxy).toBe('ok');
  });

  it('an invalid config (eu-south-1, V20 offline): problems on stderr, the region-only checks still run', async () => {
    const file = writeConfig(
      'eu-south-1.yaml',
      example('minimal.yaml').replace('region: us-west-2', 'region: eu-south-1'),
    );
    vi.stubEnv('AWS_REGION', 'eu-south-1');
    const { run, status, check } = await doctorJson(file, { AWS_REGION: 'eu-south-1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('V20');
    expect(run.stderr).toContain('running only the checks that need no valid config');
    expect(status.credentials).toBe('ok');
    // moto lists every service in eu-south-1; the seed says otherwise: doctor shows both.
    expect(status.region).toBe('warn');
    expect(check('region').detail).toContain('Fully-private clusters are not supported in eu-south-1');
    expect(status['endpoint-services']).toBe('skip');
    expect(check('endpoint-services').detail).toBe('skipped: the config file has errors (listed above)');
  });
});

describe('doctor checks that need a stand-in (runDoctor)', () => {
  let clients: BuiltAwsClients;
  beforeEach(async () => {
    clients = await createAwsClients({ region, env: process.env });
  });
  afterEach(() => clients.destroy());

  const configOf = (text: string): ResolvedConfig => {
    const loaded = loadConfig({ text, file: 'test.yaml', env: {} });
    if (loaded.config === undefined) throw new Error(JSON.stringify(loaded.problems));
    return loaded.config;
  };
  const statusOf = (report: DoctorReport, id: CheckId) => report.checks.find((c) => c.id === id)!;

  it("oidc-tls: an intercepting proxy's chain fails; the real root trusted gives openssl's thumbprint", async () => {
    const pki = createTestPki('corporate interception');
    const issuer = await startTlsServer(pki);
    try {
      const config = configOf(example('fargate-irsa.yaml'));
      const options = {
        region,
        config,
        env: { NO_PROXY: '127.0.0.1' },
        clients,
        oidc: { host: '127.0.0.1', port: issuer.port },
      };
      const intercepted = await runDoctor(options);
      const check = statusOf(intercepted, 'oidc-tls');
      expect(check.status).toBe('fail');
      expect(check.detail).toContain('does not lead to the CA AWS uses');
      expect(check.fix).toContain('IRSA and the VPC CNI');
      expect(intercepted.ok).toBe(false);

      const trusted = await runDoctor({
        ...options,
        oidc: { ...options.oidc, trustedRoots: [{ name: 'test root', sha256: '', pem: pki.root.pem }] },
      });
      expect(statusOf(trusted, 'oidc-tls').status).toBe('ok');
      expect(statusOf(trusted, 'oidc-tls').detail).toContain(
        `thumbprint ${opensslSha1Fingerprint(pki.intermediate.path)}`,
      );
    } finally {
      await issuer.stop();
      pki.remove();
    }
  });

  it("cluster-endpoint: an existing cluster (made through moto's EKS API) is probed by DNS and TCP", async () => {
    const eks = new EKSClient({ region });
    await eks.send(
      new CreateClusterCommand({
        name: 'private-cluster',
        roleArn: 'arn:aws:iam::123456789012:role/eks',
        resourcesVpcConfig: { subnetIds: [], endpointPublicAccess: false, endpointPrivateAccess: true },
      }),
    );
    eks.destroy();
    const config = configOf(example('minimal.yaml'));
    const listener = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      // moto's endpoint is a made-up name: resolve it to the loopback listener.
      const resolves = await runDoctor({
        region,
        config,
        env: {},
        clients,
        network: { lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]), apiPort: port },
      });
      const answered = statusOf(resolves, 'cluster-endpoint');
      expect(answered.status).toBe('ok');
      expect(answered.detail).toMatch(
        new RegExp(
          `resolves to 127\\.0\\.0\\.1 and answers on port ${port} directly \\(no HTTPS_PROXY or ALL_PROXY set\\) \\(public access off, private access on\\)$`,
        ),
      );

      const unresolved = await runDoctor({
        region,
        config,
        env: {},
        clients,
        network: {
          lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
        },
      });
      const check = statusOf(unresolved, 'cluster-endpoint');
      expect(check.status).toBe('warn');
      expect(check.detail).toContain('does not resolve from here (ENOTFOUND)');
      expect(check.fix).toContain('from inside the VPC, a peered VPC, or over VPN/Direct Connect');
    } finally {
      listener.close();
    }
  });
});
