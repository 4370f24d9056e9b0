/**
 * The endpoint set (SPEC §5.1–5.4): which services, in which order, named how, in which zones.
 * Supplied-VPC cases are in supplied-vpc.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import type { CloudFacts, Plan } from '../../../src/plan/index.js';
import { addon, resolvedConfig, seedMinimalConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, zonesOf } from './memory-facts.js';

async function planOf(config: ResolvedConfig, facts: CloudFacts = memoryFacts(config.metadata.region)): Promise<Plan> {
  const result = await buildPlan(config, facts);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(result.plan).toBeDefined();
  return result.plan!;
}

const services = (plan: Plan): string[] => plan.endpoints.map((e) => e.service);

describe('the endpoint set (SPEC §5.1)', () => {
  it('a minimal cluster gets exactly E1, in order: ec2, ecr.api, ecr.dkr, s3 (Gateway), sts', async () => {
    const plan = await planOf(seedMinimalConfig());
    expect(plan.endpoints.map((e) => [e.service, e.type, e.serviceName, e.logicalId, e.reason])).toEqual([
      ['ec2', 'Interface', 'com.amazonaws.us-west-2.ec2', 'VPCEndpointEC2', 'required'],
      ['ecr.api', 'Interface', 'com.amazonaws.us-west-2.ecr.api', 'VPCEndpointECRAPI', 'required'],
      ['ecr.dkr', 'Interface', 'com.amazonaws.us-west-2.ecr.dkr', 'VPCEndpointECRDKR', 'required'],
      ['s3', 'Gateway', 'com.amazonaws.us-west-2.s3', 'VPCEndpointS3', 'required'],
      ['sts', 'Interface', 'com.amazonaws.us-west-2.sts', 'VPCEndpointSTS', 'required'],
    ]);
  });

  it('interface endpoints get one subnet per zone; the S3 gateway the distinct route tables', async () => {
    const plan = await planOf(seedMinimalConfig());
    const ec2 = plan.endpoints.find((e) => e.service === 'ec2')!;
    expect(ec2.availabilityZones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(ec2.subnets).toEqual([
      { logicalSuffix: 'USWEST2A' },
      { logicalSuffix: 'USWEST2B' },
      { logicalSuffix: 'USWEST2C' },
    ]);
    expect(ec2.routeTables).toEqual([]);
    const s3 = plan.endpoints.find((e) => e.service === 's3')!;
    expect(s3.subnets).toEqual([]);
    expect(s3.routeTables).toEqual([
      { logicalSuffix: 'USWEST2A' },
      { logicalSuffix: 'USWEST2B' },
      { logicalSuffix: 'USWEST2C' },
    ]);
  });

  it('asks AWS for every planned service in one lookup', async () => {
    const facts = memoryFacts('us-west-2');
    await planOf(resolvedConfig({ privateCluster: { additionalEndpointServices: ['autoscaling'] } }), facts);
    expect(facts.calls.filter((c) => c.startsWith('endpointServices'))).toEqual([
      'endpointServices us-west-2 com.amazonaws.us-west-2.ec2,com.amazonaws.us-west-2.ecr.api,com.amazonaws.us-west-2.ecr.dkr,com.amazonaws.us-west-2.s3,com.amazonaws.us-west-2.sts,com.amazonaws.us-west-2.autoscaling',
    ]);
  });

  it('E3: CloudWatch logging adds logs after the additional services', async () => {
    const plan = await planOf(
      resolvedConfig({
        cloudWatch: { enableTypes: ['api', 'audit'] },
        privateCluster: { additionalEndpointServices: ['autoscaling'] },
      }),
    );
    expect(services(plan)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'autoscaling', 'logs']);
    expect(plan.endpoints.at(-1)).toMatchObject({ service: 'logs', reason: 'logging', logicalId: 'VPCEndpointLOGS' });
  });

  it("the Pod Identity agent add-on adds eks-auth (its agent's credentials API), once, after the others", async () => {
    const plan = await planOf(
      resolvedConfig({
        addons: [addon('vpc-cni'), addon('eks-pod-identity-agent')],
        privateCluster: { additionalEndpointServices: ['autoscaling'] },
      }),
    );
    expect(services(plan)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'autoscaling', 'eks-auth']);
    expect(plan.endpoints.at(-1)).toMatchObject({ service: 'eks-auth', type: 'Interface', reason: 'pod-identity' });
    const listed = await planOf(
      resolvedConfig({
        addons: [addon('eks-pod-identity-agent')],
        privateCluster: { additionalEndpointServices: ['eks-auth'] },
      }),
    );
    expect(listed.endpoints.filter((e) => e.service === 'eks-auth').map((e) => e.reason)).toEqual(['additional']);
    const without = await planOf(resolvedConfig({ addons: [addon('vpc-cni')] }));
    expect(services(without)).not.toContain('eks-auth');
  });

  it('logs both listed and implied by logging is planned once, where the user listed it', async () => {
    const plan = await planOf(
      resolvedConfig({
        cloudWatch: { enableTypes: ['api'] },
        privateCluster: { additionalEndpointServices: ['logs', 'cloudformation'] },
      }),
    );
    expect(services(plan)).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts', 'logs', 'cloudformation']);
    expect(plan.endpoints.find((e) => e.service === 'logs')?.reason).toBe('additional');
  });

  it.each([
    ['autoscaling', 'VPCEndpointAUTOSCALING'],
    ['cloudformation', 'VPCEndpointCLOUDFORMATION'],
    ['logs', 'VPCEndpointLOGS'],
  ])("eksctl's additional service %s is an Interface endpoint %s", async (service, logicalId) => {
    const plan = await planOf(resolvedConfig({ privateCluster: { additionalEndpointServices: [service] } }));
    expect(plan.endpoints).toHaveLength(6);
    expect(plan.endpoints[5]).toMatchObject({
      service,
      type: 'Interface',
      serviceName: `com.amazonaws.us-west-2.${service}`,
      logicalId,
      reason: 'additional',
      availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
    });
  });

  it('extended services (SPEC §5.4) follow in the user order, with dash-free logical ids', async () => {
    const extended = [
      'eks',
      'eks-auth',
      'ssm',
      'ssmmessages',
      'ec2messages',
      'elasticloadbalancing',
      'ebs',
      'kms',
      'secretsmanager',
      'sqs',
      'xray',
      'aps-workspaces',
      'elasticfilesystem',
    ];
    const plan = await planOf(
      resolvedConfig({ privateCluster: { additionalEndpointServices: [...extended].reverse() } }),
    );
    expect(services(plan).slice(5)).toEqual([...extended].reverse());
    expect(plan.endpoints.every((e) => (e.service === 's3' ? e.type === 'Gateway' : e.type === 'Interface'))).toBe(
      true,
    );
    expect(plan.endpoints.find((e) => e.service === 'eks-auth')?.logicalId).toBe('VPCEndpointEKSAUTH');
    expect(plan.endpoints.find((e) => e.service === 'aps-workspaces')?.logicalId).toBe('VPCEndpointAPSWORKSPACES');
  });

  it('skipEndpointCreation plans no endpoint and asks AWS for none; a new VPC has every required one missing', async () => {
    const facts = memoryFacts('us-west-2');
    const plan = await planOf(resolvedConfig({ privateCluster: { skipEndpointCreation: true } }), facts);
    expect(plan.endpoints).toEqual([]);
    expect(plan.missingEndpoints).toEqual(['ec2', 'ecr.api', 'ecr.dkr', 's3', 'sts']);
    expect(facts.calls.some((c) => c.startsWith('endpointServices'))).toBe(false);
    expect(plan.cost.hourly).toBe(0);
  });
});

describe('service names by partition (SPEC §5.2)', () => {
  const additional = ['autoscaling', 'cloudformation', 'logs', 'ebs'];
  const namesIn = async (region: string): Promise<Record<string, string>> => {
    const zones = zonesOf(region, { a: 'z1', b: 'z2', c: 'z3' });
    const plan = await planOf(
      resolvedConfig({ metadata: { region }, privateCluster: { additionalEndpointServices: additional } }),
      memoryFacts(region, { zones }),
    );
    expect(plan.region.name).toBe(region);
    return Object.fromEntries(plan.endpoints.map((e) => [e.service, e.serviceName]));
  };

  it('aws-cn: cn.com.amazonaws for ec2, ecr.api, ecr.dkr, sts, cloudformation; com.amazonaws otherwise', async () => {
    expect(await namesIn('cn-north-1')).toEqual({
      ec2: 'cn.com.amazonaws.cn-north-1.ec2',
      'ecr.api': 'cn.com.amazonaws.cn-north-1.ecr.api',
      'ecr.dkr': 'cn.com.amazonaws.cn-north-1.ecr.dkr',
      s3: 'com.amazonaws.cn-north-1.s3',
      sts: 'cn.com.amazonaws.cn-north-1.sts',
      autoscaling: 'com.amazonaws.cn-north-1.autoscaling',
      cloudformation: 'cn.com.amazonaws.cn-north-1.cloudformation',
      logs: 'com.amazonaws.cn-north-1.logs',
      ebs: 'com.amazonaws.cn-north-1.ebs',
    });
    const plan = await planOf(
      resolvedConfig({ metadata: { region: 'cn-northwest-1' } }),
      memoryFacts('cn-northwest-1', { zones: zonesOf('cn-northwest-1', { a: 'x', b: 'y', c: 'z' }) }),
    );
    expect(plan.region.partition).toBe('aws-cn');
    expect(plan.endpoints[0]?.serviceName).toBe('cn.com.amazonaws.cn-northwest-1.ec2');
  });

  it('aws-us-gov: com.amazonaws for everything', async () => {
    const names = await namesIn('us-gov-west-1');
    expect(Object.values(names).every((n) => n.startsWith('com.amazonaws.us-gov-west-1.'))).toBe(true);
  });

  it('aws-iso: gov.ic.c2s for ec2, ecr.api, ecr.dkr, autoscaling', async () => {
    const names = await namesIn('us-iso-east-1');
    expect(names).toMatchObject({
      ec2: 'gov.ic.c2s.us-iso-east-1.ec2',
      'ecr.api': 'gov.ic.c2s.us-iso-east-1.ecr.api',
      'ecr.dkr': 'gov.ic.c2s.us-iso-east-1.ecr.dkr',
      autoscaling: 'gov.ic.c2s.us-iso-east-1.autoscaling',
      s3: 'com.amazonaws.us-iso-east-1.s3',
      sts: 'com.amazonaws.us-iso-east-1.sts',
      cloudformation: 'com.amazonaws.us-iso-east-1.cloudformation',
    });
  });

  it('aws-iso-b: gov.sgov.sc2s for the same four', async () => {
    expect(await namesIn('us-isob-east-1')).toMatchObject({
      ec2: 'gov.sgov.sc2s.us-isob-east-1.ec2',
      autoscaling: 'gov.sgov.sc2s.us-isob-east-1.autoscaling',
      logs: 'com.amazonaws.us-isob-east-1.logs',
    });
  });

  it('aws-iso-e and aws-iso-f: their prefix for ecr.api, ecr.dkr and ebs only', async () => {
    expect(await namesIn('eu-isoe-west-1')).toMatchObject({
      ec2: 'com.amazonaws.eu-isoe-west-1.ec2',
      'ecr.api': 'uk.adc-e.cloud.eu-isoe-west-1.ecr.api',
      'ecr.dkr': 'uk.adc-e.cloud.eu-isoe-west-1.ecr.dkr',
      ebs: 'uk.adc-e.cloud.eu-isoe-west-1.ebs',
      autoscaling: 'com.amazonaws.eu-isoe-west-1.autoscaling',
    });
    expect(await namesIn('us-isof-south-1')).toMatchObject({
      ec2: 'com.amazonaws.us-isof-south-1.ec2',
      'ecr.dkr': 'gov.ic.hci.csp.us-isof-south-1.ecr.dkr',
      ebs: 'gov.ic.hci.csp.us-isof-south-1.ebs',
    });
  });

  it('an unknown region gets com.amazonaws (partition aws)', async () => {
    const names = await namesIn('xx-future-1');
    expect(names['ec2']).toBe('com.amazonaws.xx-future-1.ec2');
  });
});

describe('endpoint services per zone (SPEC §5.3)', () => {
  it('a service missing from one zone skips that zone’s subnet and says so', async () => {
    const config = resolvedConfig({
      availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
      privateCluster: { additionalEndpointServices: ['eks'] },
    });
    const plan = await planOf(
      config,
      memoryFacts('us-west-2', { serviceZones: { eks: ['us-west-2a', 'us-west-2c', 'us-west-2d'] } }),
    );
    const eks = plan.endpoints.find((e) => e.service === 'eks')!;
    expect(eks.availabilityZones).toEqual(['us-west-2a', 'us-west-2c']);
    expect(eks.skippedAvailabilityZones).toEqual(['us-west-2b']);
    expect(eks.subnets).toEqual([{ logicalSuffix: 'USWEST2A' }, { logicalSuffix: 'USWEST2C' }]);
    expect(plan.endpoints.find((e) => e.service === 'ec2')?.skippedAvailabilityZones).toEqual([]);
  });

  it('a required service offered in none of the chosen zones is an error before anything is created', async () => {
    const config = resolvedConfig({ availabilityZones: ['us-west-2a', 'us-west-2b'] });
    const result = await buildPlan(config, memoryFacts('us-west-2', { serviceZones: { sts: ['us-west-2d'] } }));
    expect(result.plan).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'V20',
        severity: 'error',
        message:
          'endpoint service "com.amazonaws.us-west-2.sts" is not offered in any of the cluster\'s availability zones ("us-west-2a", "us-west-2b")',
        hint: 'it is offered in "us-west-2d": choose zones there',
        file: 'cluster.yaml',
      }),
    ]);
  });

  it('a required name AWS rejects is V20 "fully-private clusters are not supported in region" naming it', async () => {
    const result = await buildPlan(
      resolvedConfig({ metadata: { region: 'eu-south-2' } }),
      memoryFacts('eu-south-2', {
        zones: zonesOf('eu-south-2', { a: '1', b: '2', c: '3' }),
        rejected: ['ecr.dkr', 'sts'],
      }),
    );
    expect(result.plan).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ rule: 'V20', path: 'metadata.region' });
    expect(result.problems[0]!.message).toBe(
      'fully-private clusters are not supported in region "eu-south-2": required endpoint service(s) not available: "com.amazonaws.eu-south-2.ecr.dkr", "com.amazonaws.eu-south-2.sts"',
    );
  });

  it('an additional service AWS does not offer is V20 on its entry; every problem is reported at once', async () => {
    const result = await buildPlan(
      resolvedConfig({ privateCluster: { additionalEndpointServices: ['kms', 'xray'] } }),
      memoryFacts('us-west-2', { rejected: ['xray', 'ec2'], serviceZones: { kms: [] } }),
    );
    expect(result.problems.map((p) => [p.rule, p.path])).toEqual([
      ['V20', 'metadata.region'],
      ['V20', 'privateCluster.additionalEndpointServices[0]'],
      ['V20', 'privateCluster.additionalEndpointServices[1]'],
    ]);
  });

  it('offline, eu-south-1 is V20 from the catalog of known gaps', async () => {
    const result = await buildPlan(resolvedConfig({ metadata: { region: 'eu-south-1' } }), createOfflineFacts());
    expect(result.plan).toBeUndefined();
    expect(result.problems[0]).toMatchObject({
      rule: 'V20',
      message: 'fully-private clusters are not supported in region "eu-south-1"',
    });
  });
});
