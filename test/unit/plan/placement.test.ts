/**
 * V22: where nodegroups and Fargate profiles go — their `availabilityZones` and `subnets` must name
 * places the cluster has (src/plan/placement.ts), found before any stack exists.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates } from '../../../src/templates/index.js';
import {
  addon,
  fargateProfile,
  managedNodeGroup,
  nodeGroup,
  resolvedConfig,
  seedExistingVpcConfig,
} from '../../helpers/resolved-config.js';
import { memoryFacts, seedVpcData, subnet } from './memory-facts.js';
import type { MemoryFactsData } from './memory-facts.js';

const offline = (config: ResolvedConfig) => buildPlan(config, createOfflineFacts());
const live = (config: ResolvedConfig, data: MemoryFactsData) => buildPlan(config, memoryFacts('us-west-2', data));
const v22 = (problems: readonly { rule: string; path: string; message: string }[]) =>
  problems.filter((p) => p.rule === 'V22').map((p) => [p.path, p.message]);

describe('in a VPC private-eks creates', () => {
  it('a nodegroup zone the cluster lacks is a problem at its path, naming the zones there are', async () => {
    const result = await offline(
      resolvedConfig({
        managedNodeGroups: [managedNodeGroup('m1', { availabilityZones: ['us-west-2a', 'us-west-2d'] })],
      }),
    );
    expect(result.plan).toBeUndefined();
    expect(v22(result.problems)).toEqual([
      [
        'managedNodeGroups[0].availabilityZones[1]',
        'availability zone "us-west-2d" is not one of the cluster\'s zones (us-west-2a, us-west-2b, us-west-2c): the nodegroup has no private subnet there',
      ],
    ]);
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: 'cluster.yaml' });
  });

  it('zones of the cluster are fine, and so is a zone named as a subnet (eksctl keys subnets by zone)', async () => {
    const result = await offline(
      resolvedConfig({
        nodeGroups: [nodeGroup('ng1', { availabilityZones: ['us-west-2b'] })],
        managedNodeGroups: [managedNodeGroup('m1', { subnets: ['us-west-2c'] })],
      }),
    );
    expect(result.problems).toEqual([]);
    const templates = renderTemplates(result.plan!);
    expect(JSON.stringify(templates.get('eksctl-private-cluster-nodegroup-m1'))).toContain('SubnetPrivateUSWEST2C');
  });

  it('a subnet id cannot be used (the VPC does not exist yet), nor a name that matches nothing', async () => {
    const result = await offline(
      resolvedConfig({
        nodeGroups: [nodeGroup('ng1', { subnets: ['subnet-0123456789abcdef0'] })],
        fargateProfiles: [fargateProfile('fp', { subnets: ['us-west-2a', 'private-one'] })],
      }),
    );
    expect(v22(result.problems)).toEqual([
      [
        'nodeGroups[0].subnets[0]',
        'subnet "subnet-0123456789abcdef0" cannot be used: private-eks creates the cluster\'s VPC, so its nodes and pods can only go into the subnets it creates',
      ],
      [
        'fargateProfiles[0].subnets[1]',
        '"private-one" names neither a vpc.subnets.private key, a subnet id nor a zone of the cluster',
      ],
    ]);
    expect(result.problems.find((p) => p.path === 'fargateProfiles[0].subnets[1]')?.hint).toBe(
      'use one of "us-west-2a", "us-west-2b", "us-west-2c"',
    );
  });
});

describe('in a supplied VPC, live', () => {
  const extra = subnet('subnet-extra', 'us-west-2b', '192.168.96.0/19');
  const elsewhere = subnet('subnet-elsewhere', 'us-west-2c', '10.9.0.0/24', 'vpc-2');
  const publicOne = subnet('subnet-public', 'us-west-2c', '192.168.128.0/19');
  function data(): MemoryFactsData {
    const seed = seedVpcData();
    return {
      ...seed,
      subnets: [...seed.subnets!, extra, elsewhere, publicOne],
      routeTables: [
        ...seed.routeTables!,
        {
          id: 'rtb-public',
          vpcId: 'vpc-1',
          main: false,
          subnetIds: ['subnet-public'],
          routes: [{ destinationCidr: '0.0.0.0/0', gatewayId: 'igw-0abc' }],
        },
      ],
    };
  }
  const withSubnets = (...subnets: string[]) =>
    seedExistingVpcConfig({ managedNodeGroups: [managedNodeGroup('m1', { subnets })] });

  it('a subnet of the VPC the cluster does not list is looked up once and used as it is', async () => {
    const facts = memoryFacts('us-west-2', data());
    const result = await buildPlan(withSubnets('subnet-extra', 'us-west-2c'), facts);
    expect(result.problems).toEqual([]);
    expect(facts.calls.filter((c) => c.includes('subnet-extra'))).toEqual([
      'describeSubnets us-west-2 {"ids":["subnet-extra"]}',
    ]);
    const ng = JSON.stringify(renderTemplates(result.plan!).get('eksctl-private-cluster-nodegroup-m1'));
    expect(ng).toContain('"subnet-extra"');
  });

  it('one that does not exist, one in another VPC and one routed to an internet gateway are problems', async () => {
    const result = await live(withSubnets('subnet-gone', 'subnet-elsewhere', 'subnet-public'), data());
    expect(v22(result.problems)).toEqual([
      ['managedNodeGroups[0].subnets[0]', 'subnet "subnet-gone" was not found in region "us-west-2"'],
      [
        'managedNodeGroups[0].subnets[1]',
        'subnet "subnet-elsewhere" is in VPC "vpc-2", not in the cluster\'s VPC "vpc-1"',
      ],
      [
        'managedNodeGroups[0].subnets[2]',
        'subnet "subnet-public" has a route to internet gateway "igw-0abc" (route table "rtb-public"): a fully-private cluster\'s nodes must not reach the internet',
      ],
    ]);
    expect(result.plan).toBeUndefined();
  });

  it('a key of vpc.subnets.private names its subnet', async () => {
    const result = await live(withSubnets('us-west-2d'), data());
    expect(result.problems).toEqual([]);
  });

  it('a zone the supplied subnets do not cover is a problem', async () => {
    const result = await live(
      seedExistingVpcConfig({ managedNodeGroups: [managedNodeGroup('m1', { availabilityZones: ['us-west-2a'] })] }),
      data(),
    );
    expect(v22(result.problems).map(([path]) => path)).toEqual(['managedNodeGroups[0].availabilityZones[0]']);
  });
});

describe('in a supplied VPC, offline', () => {
  it('a subnet id the cluster does not list cannot be checked: the plan says so instead of failing', async () => {
    const result = await offline(
      seedExistingVpcConfig({ nodeGroups: [nodeGroup('ng1', { subnets: ['subnet-0abc'] })], managedNodeGroups: [] }),
    );
    expect(result.problems).toEqual([]);
    expect(result.plan?.unknowns).toContain(
      'nodeGroups[0].subnets[0]: subnet "subnet-0abc" is not one of the cluster\'s subnets and was not looked up',
    );
  });
});

describe('add-ons on a cluster without nodes', () => {
  it('warns for an add-on whose pods need nodes; DaemonSet add-ons are fine', async () => {
    const result = await offline(
      resolvedConfig({ addons: [addon('vpc-cni'), addon('coredns'), addon('eks-pod-identity-agent')] }),
    );
    expect(result.plan).toBeDefined();
    expect(result.problems.map((p) => [p.rule, p.severity, p.path])).toEqual([['V22', 'warning', 'addons[1]']]);
    expect(result.problems[0]?.message).toContain('add-on "coredns" runs pods that need nodes');
  });

  it('says nothing once there is a nodegroup or a Fargate profile', async () => {
    for (const capacity of [
      { managedNodeGroups: [managedNodeGroup('m1')] },
      {
        fargateProfiles: [fargateProfile('fp', { selectors: [{ namespace: 'kube-system', labels: {} }] })],
      },
    ]) {
      const result = await offline(resolvedConfig({ addons: [addon('coredns')], ...capacity }));
      expect(result.problems).toEqual([]);
    }
  });
});

describe('a cluster whose pods all run on Fargate', () => {
  const kubeSystem = fargateProfile('fp', {
    selectors: [
      { namespace: 'kube-system', labels: {} },
      { namespace: 'default', labels: {} },
    ],
  });
  const coredns = (templates: ReturnType<typeof renderTemplates>) =>
    templates.get('eksctl-private-cluster-addons')?.Resources['AddonCoredns']?.Properties;

  it('gets coredns configured for Fargate and no warning when a profile selects kube-system', async () => {
    const result = await offline(resolvedConfig({ fargateProfiles: [kubeSystem], addons: [addon('coredns')] }));
    expect(v22(result.problems)).toEqual([]);
    expect(coredns(renderTemplates(result.plan!))?.['ConfigurationValues']).toBe('{"computeType":"Fargate"}');
  });

  it("keeps the user's coredns configuration, and leaves coredns alone when there are nodes", async () => {
    const own = '{"replicaCount":3}';
    const mine = await offline(
      resolvedConfig({ fargateProfiles: [kubeSystem], addons: [addon('coredns', { configurationValues: own })] }),
    );
    expect(coredns(renderTemplates(mine.plan!))?.['ConfigurationValues']).toBe(own);
    const withNodes = await offline(
      resolvedConfig({
        fargateProfiles: [kubeSystem],
        managedNodeGroups: [managedNodeGroup('m1')],
        addons: [addon('coredns')],
      }),
    );
    expect(coredns(renderTemplates(withNodes.plan!))?.['ConfigurationValues']).toBeUndefined();
  });

  it('warns when nothing would run CoreDNS, and when Pod Identity could give its pods no credentials', async () => {
    const result = await offline(
      resolvedConfig({
        fargateProfiles: [fargateProfile('fp', { selectors: [{ namespace: 'default', labels: {} }] })],
        iam: {
          withOIDC: false,
          serviceAccounts: [],
          podIdentityAssociations: [{ namespace: 'app', serviceAccountName: 'a', permissionPolicyARNs: [] }],
        },
      }),
    );
    expect(result.plan).toBeDefined();
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(v22(result.problems).map(([path]) => path)).toEqual([
      'fargateProfiles',
      'addons',
      'iam.podIdentityAssociations[0]',
    ]);
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(/kube-system[\s\S]*Pending[\s\S]*Pod Identity/);
  });
});
