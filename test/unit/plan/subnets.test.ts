/**
 * eksctl's subnet layout (SPEC §4): the VPC CIDR cut into 2 × zones blocks (prefix+3 up to 8,
 * prefix+4 up to 16), private subnets in blocks zones..2×zones-1. The SPEC's examples are eksctl's.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, createOfflineFacts, logicalSuffix, privateSubnetCidrs } from '../../../src/plan/index.js';
import { resolvedConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, zonesOf } from './memory-facts.js';

const cidrs = (vpc: string, zones: number): string[] => {
  const layout = privateSubnetCidrs(vpc, zones);
  if ('problem' in layout) throw new Error(layout.problem.message);
  return layout.cidrs;
};

describe('privateSubnetCidrs', () => {
  it.each([
    [2, ['192.168.64.0/19', '192.168.96.0/19']],
    [3, ['192.168.96.0/19', '192.168.128.0/19', '192.168.160.0/19']],
    [4, ['192.168.128.0/19', '192.168.160.0/19', '192.168.192.0/19', '192.168.224.0/19']],
    [
      6,
      [
        '192.168.96.0/20',
        '192.168.112.0/20',
        '192.168.128.0/20',
        '192.168.144.0/20',
        '192.168.160.0/20',
        '192.168.176.0/20',
      ],
    ],
    [
      8,
      [
        '192.168.128.0/20',
        '192.168.144.0/20',
        '192.168.160.0/20',
        '192.168.176.0/20',
        '192.168.192.0/20',
        '192.168.208.0/20',
        '192.168.224.0/20',
        '192.168.240.0/20',
      ],
    ],
  ])('%i zones in 192.168.0.0/16', (zones, expected) => {
    expect(cidrs('192.168.0.0/16', zones)).toEqual(expected);
  });

  it('5 zones (10 subnets) already use prefix+4', () => {
    expect(cidrs('10.0.0.0/16', 5)).toEqual([
      '10.0.80.0/20',
      '10.0.96.0/20',
      '10.0.112.0/20',
      '10.0.128.0/20',
      '10.0.144.0/20',
    ]);
  });

  it('follows the VPC prefix: a /24 with 3 zones gives /27s', () => {
    expect(cidrs('10.1.2.0/24', 3)).toEqual(['10.1.2.96/27', '10.1.2.128/27', '10.1.2.160/27']);
  });

  it('more than 8 zones (16 subnets) is a V16 problem', () => {
    const layout = privateSubnetCidrs('192.168.0.0/16', 9);
    expect(layout).toEqual({
      problem: expect.objectContaining({ rule: 'V16', message: expect.stringContaining('at most 8 zones') }),
    });
  });

  it('a /24 cut for 8 zones would need /28s: still fine; a non-CIDR is V16', () => {
    expect(cidrs('10.0.0.0/24', 8)[0]).toBe('10.0.0.128/28');
    expect(privateSubnetCidrs('not-a-cidr', 3)).toEqual({
      problem: expect.objectContaining({ rule: 'V16', path: 'vpc.cidr' }),
    });
  });
});

describe('subnets in a plan', () => {
  it('one private subnet per zone with eksctl CIDRs and logical suffixes; no public subnet', async () => {
    const region = 'eu-west-1';
    const zones = zonesOf(region, { a: 'euw1-az1', b: 'euw1-az2', c: 'euw1-az3' });
    const result = await buildPlan(resolvedConfig({ metadata: { region } }), memoryFacts(region, { zones }));
    expect(result.plan?.subnets).toEqual([
      {
        az: 'eu-west-1a',
        cidr: '192.168.96.0/19',
        id: null,
        private: true,
        logicalSuffix: 'EUWEST1A',
        routeTableId: null,
        key: null,
      },
      {
        az: 'eu-west-1b',
        cidr: '192.168.128.0/19',
        id: null,
        private: true,
        logicalSuffix: 'EUWEST1B',
        routeTableId: null,
        key: null,
      },
      {
        az: 'eu-west-1c',
        cidr: '192.168.160.0/19',
        id: null,
        private: true,
        logicalSuffix: 'EUWEST1C',
        routeTableId: null,
        key: null,
      },
    ]);
  });

  it('6 explicit zones lay out /20s in zone order', async () => {
    const region = 'us-east-1';
    const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `${region}${l}`);
    const result = await buildPlan(
      resolvedConfig({ metadata: { region }, availabilityZones: zones }),
      createOfflineFacts(),
    );
    expect(result.plan?.subnets.map((s) => `${s.az} ${s.cidr}`)).toEqual([
      'us-east-1a 192.168.96.0/20',
      'us-east-1b 192.168.112.0/20',
      'us-east-1c 192.168.128.0/20',
      'us-east-1d 192.168.144.0/20',
      'us-east-1e 192.168.160.0/20',
      'us-east-1f 192.168.176.0/20',
    ]);
  });

  it('subnets given by zone and CIDR for a new VPC are used as given; the others get the layout block', async () => {
    const config = resolvedConfig({
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      vpc: {
        privateSubnets: [
          { key: 'private-one', az: 'us-west-2a', cidr: '192.168.1.0/24' },
          { key: 'us-west-2b', az: 'us-west-2b' },
        ],
      },
    });
    const result = await buildPlan(config, createOfflineFacts());
    expect(result.plan?.subnets.map((s) => [s.az, s.cidr, s.logicalSuffix, s.key])).toEqual([
      ['us-west-2a', '192.168.1.0/24', 'PRIVATEONE', 'private-one'],
      ['us-west-2b', '192.168.96.0/19', 'USWEST2B', 'us-west-2b'],
    ]);
  });

  it('a given CIDR overlapping a layout block is V16', async () => {
    const config = resolvedConfig({
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      vpc: {
        privateSubnets: [
          { key: 'x', az: 'us-west-2a', cidr: '192.168.100.0/24' },
          { key: 'us-west-2b', az: 'us-west-2b' },
        ],
      },
    });
    const result = await buildPlan(config, createOfflineFacts());
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'V16', path: 'vpc.subnets.private.us-west-2b.cidr' }),
    ]);
  });

  it('logicalSuffix upper-cases and drops dashes', () => {
    expect(logicalSuffix('us-west-2a')).toBe('USWEST2A');
    expect(logicalSuffix('ap-southeast-5c')).toBe('APSOUTHEAST5C');
  });
});
