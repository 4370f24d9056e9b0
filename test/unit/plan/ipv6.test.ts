/**
 * V23: IPv6 clusters (src/plan/ipv6.ts) — eksctl's IPv6 rules with eksctl's messages, and what a
 * supplied VPC must already have. The templates' side (VPC block, subnet /64s, node role) is in
 * test/unit/templates/ipv6.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import type { SubnetInfo } from '../../../src/plan/facts.js';
import {
  addon,
  fargateProfile,
  managedNodeGroup,
  nodeGroup,
  resolvedConfig,
  seedExistingVpcConfig,
} from '../../helpers/resolved-config.js';
import type { Overrides } from '../../helpers/resolved-config.js';
import { memoryFacts, seedVpcData } from './memory-facts.js';

/** What V23 asks for: core add-ons, OIDC, managed nodes only. */
const IPV6: Overrides<ResolvedConfig> = {
  kubernetesNetworkConfig: { ipFamily: 'IPv6' },
  iam: { withOIDC: true },
  addons: [addon('vpc-cni'), addon('coredns'), addon('kube-proxy')],
  managedNodeGroups: [managedNodeGroup('m1')],
};

const v23 = (problems: readonly { rule: string; path: string; message: string }[]) =>
  problems.filter((p) => p.rule === 'V23').map((p) => [p.path, p.message]);

describe('eksctl’s IPv6 rules', () => {
  it('a complete IPv6 config plans (offline, new VPC), Fargate included', async () => {
    const result = await buildPlan(
      resolvedConfig({ ...IPV6, fargateProfiles: [fargateProfile('fp')] }),
      createOfflineFacts(),
    );
    expect(result.problems).toEqual([]);
    expect(result.plan?.cluster.kubernetesNetworkConfig.ipFamily).toBe('IPv6');
  });

  it('reports every rule at once, each with eksctl’s message at its path', async () => {
    const result = await buildPlan(
      resolvedConfig({
        kubernetesNetworkConfig: { ipFamily: 'IPv6', serviceIPv4CIDR: '10.100.0.0/16' },
        addons: [addon('coredns')],
        nodeGroups: [nodeGroup('ng1')],
      }),
      createOfflineFacts(),
    );
    expect(result.plan).toBeUndefined();
    expect(v23(result.problems)).toEqual([
      ['addons', 'the default core addons must be defined for IPv6; missing addon(s): vpc-cni, kube-proxy'],
      ['iam.withOIDC', 'oidc needs to be enabled if IPv6 is set'],
      ['kubernetesNetworkConfig.serviceIPv4CIDR', 'service IPv4 CIDR is not supported with IPv6'],
      [
        'nodeGroups[0]',
        'unmanaged nodegroups are not supported with IPv6 clusters ("ng1"); private-eks does not support them there yet either',
      ],
    ]);
  });

  it('vpc-cni older than 1.10.0 is refused; 1.10.0 and later, or no version, are fine', async () => {
    const withCni = (version: string) =>
      buildPlan(
        resolvedConfig({ ...IPV6, addons: [addon('coredns'), addon('kube-proxy'), addon('vpc-cni', { version })] }),
        createOfflineFacts(),
      );
    expect(v23((await withCni('v1.9.3-eksbuild.1')).problems)).toEqual([
      ['addons[2].version', 'vpc-cni version must be at least version 1.10.0 for IPv6'],
    ]);
    expect((await withCni('v1.10.0-eksbuild.1')).problems).toEqual([]);
    expect((await withCni('v1.19.2-eksbuild.5')).problems).toEqual([]);
  });

  it('an IPv4 cluster is held to none of them', async () => {
    const result = await buildPlan(resolvedConfig({ nodeGroups: [nodeGroup('ng1')] }), createOfflineFacts());
    expect(result.problems).toEqual([]);
  });
});

describe('an IPv6 cluster in a supplied VPC', () => {
  const ipv6Config = () => seedExistingVpcConfig({ ...IPV6, vpc: { id: 'vpc-1' }, nodeGroups: [] });
  const dualStack = (s: SubnetInfo, i: number): SubnetInfo => ({
    ...s,
    ipv6Cidrs: [`2600:1f14:abc:d0${i}::/64`],
    assignIpv6AddressOnCreation: true,
  });

  it('live: with IPv6 blocks everywhere the plan keeps the VPC’s block for the endpoint security group', async () => {
    const seed = seedVpcData();
    const result = await buildPlan(
      ipv6Config(),
      memoryFacts('us-west-2', {
        ...seed,
        vpcs: [{ ...seed.vpcs![0]!, ipv6Cidrs: ['2600:1f14:abc:d00::/56'] }],
        subnets: seed.subnets!.map(dualStack),
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.plan?.vpc).toEqual({ id: 'vpc-1', cidrs: ['192.168.0.0/16'], ipv6Cidrs: ['2600:1f14:abc:d00::/56'] });
  });

  it('live: a VPC or a subnet without an IPv6 block is an error; a subnet that assigns none on launch a warning', async () => {
    const seed = seedVpcData();
    const [b, c, d] = seed.subnets!;
    const result = await buildPlan(
      ipv6Config(),
      memoryFacts('us-west-2', {
        ...seed,
        subnets: [
          dualStack(b!, 1),
          { ...c!, ipv6Cidrs: [] },
          { ...dualStack(d!, 3), assignIpv6AddressOnCreation: false },
        ],
      }),
    );
    expect(result.plan).toBeUndefined();
    expect(v23(result.problems)).toEqual([
      ['vpc.id', 'VPC "vpc-1" has no IPv6 CIDR block: an IPv6 cluster needs one'],
      [
        'vpc.subnets.private.us-west-2c',
        `subnet "${c!.id}" has no IPv6 CIDR block: every subnet of an IPv6 cluster needs one`,
      ],
      [
        'vpc.subnets.private.us-west-2d',
        `subnet "${d!.id}" does not assign IPv6 addresses on launch: nodes launched there get no IPv6 address of their own`,
      ],
    ]);
    expect(result.problems.find((p) => p.path === 'vpc.subnets.private.us-west-2d')?.severity).toBe('warning');
    expect(result.problems.find((p) => p.path === 'vpc.id')?.hint).toBe(
      'aws ec2 associate-vpc-cidr-block --vpc-id vpc-1 --amazon-provided-ipv6-cidr-block',
    );
  });

  it('live: a nodegroup subnet outside the cluster’s list needs an IPv6 block too', async () => {
    const seed = seedVpcData();
    const extra: SubnetInfo = {
      id: 'subnet-extra',
      vpcId: 'vpc-1',
      availabilityZone: 'us-west-2b',
      availabilityZoneId: null,
      cidr: '192.168.96.0/19',
      mapPublicIpOnLaunch: false,
    };
    const result = await buildPlan(
      seedExistingVpcConfig({
        ...IPV6,
        vpc: { id: 'vpc-1' },
        nodeGroups: [],
        managedNodeGroups: [managedNodeGroup('m1', { subnets: ['subnet-extra'] })],
      }),
      memoryFacts('us-west-2', {
        ...seed,
        vpcs: [{ ...seed.vpcs![0]!, ipv6Cidrs: ['2600:1f14:abc:d00::/56'] }],
        subnets: [...seed.subnets!.map(dualStack), extra],
      }),
    );
    expect(v23(result.problems)).toEqual([
      [
        'managedNodeGroups[0].subnets[0]',
        'subnet "subnet-extra" has no IPv6 CIDR block: every subnet of an IPv6 cluster needs one',
      ],
    ]);
  });

  it('offline: the plan says the IPv6 blocks were not checked', async () => {
    const result = await buildPlan(ipv6Config(), createOfflineFacts());
    expect(result.problems).toEqual([]);
    expect(result.plan?.unknowns?.some((u) => u.includes('IPv6 CIDR blocks'))).toBe(true);
  });
});
