/**
 * V16, the file's CIDRs, case by case: the VPC's block, each private subnet's, publicAccessCIDRs and
 * the service CIDR. Each case lists every V16 problem the file gets (path, position, message and
 * hint), so a check that goes missing, fires twice or fires on a good block is noticed.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load, locate, withRule } from './support.js';

interface Expected {
  readonly path: string;
  /** The text the problem points at (its first occurrence). */
  readonly at: string;
  readonly message: string;
  readonly hint: string;
}

interface CidrCase {
  readonly name: string;
  /** Lines after the header. */
  readonly yaml: readonly string[];
  /** Every V16 problem, in order; none for a file that passes. */
  readonly problems: readonly Expected[];
}

const SUPPLIED_VPC = [
  'vpc:',
  '  id: vpc-0123456789abcdef0',
  '  subnets:',
  '    private:',
  '      us-west-2a: {id: subnet-0123456789abcdef0}',
  '      us-west-2b: {id: subnet-0123456789abcdef1}',
];

/** Private subnets to create in two zones, with the given blocks, under an optional vpc.cidr. */
const subnets = (a: string, b: string, vpcCidr?: string) => [
  'vpc:',
  ...(vpcCidr === undefined ? [] : [`  cidr: ${vpcCidr}`]),
  '  subnets:',
  '    private:',
  `      us-west-2a: {cidr: ${a}}`,
  `      us-west-2b: {cidr: ${b}}`,
];
const A = 'vpc.subnets.private.us-west-2a.cidr';
const B = 'vpc.subnets.private.us-west-2b.cidr';
const SERVICE = 'kubernetesNetworkConfig.serviceIPv4CIDR';
const service = (cidr: string) => [`kubernetesNetworkConfig: {serviceIPv4CIDR: ${cidr === '' ? '""' : cidr}}`];

const CASES: CidrCase[] = [
  // ---- vpc.cidr --------------------------------------------------------------------------------
  { name: 'a /16 VPC', yaml: ['vpc: {cidr: 10.10.0.0/16}'], problems: [] },
  { name: 'a /24 VPC (the smallest)', yaml: ['vpc: {cidr: 10.10.0.0/24}'], problems: [] },
  {
    name: 'a VPC block that is no CIDR',
    yaml: ['vpc: {cidr: 10.10.0.0}'],
    problems: [
      {
        path: 'vpc.cidr',
        at: '10.10.0.0',
        message: 'vpc.cidr "10.10.0.0" is not an IPv4 CIDR',
        hint: 'write an address and a prefix length, e.g. 10.0.0.0/16',
      },
    ],
  },
  {
    name: 'a /15 VPC',
    yaml: ['vpc: {cidr: 10.10.0.0/15}'],
    problems: [
      {
        path: 'vpc.cidr',
        at: '10.10.0.0/15',
        message: 'VPC CIDR prefix must be between /16 and /24, got /15',
        hint: 'use a block from /16 (65,536 addresses) to /24 (256)',
      },
    ],
  },
  {
    name: 'a /25 VPC',
    yaml: ['vpc: {cidr: 10.10.0.0/25}'],
    problems: [
      {
        path: 'vpc.cidr',
        at: '10.10.0.0/25',
        message: 'VPC CIDR prefix must be between /16 and /24, got /25',
        hint: 'use a block from /16 (65,536 addresses) to /24 (256)',
      },
    ],
  },
  {
    name: 'a VPC block with host bits',
    yaml: ['vpc: {cidr: 10.10.1.0/16}'],
    problems: [
      {
        path: 'vpc.cidr',
        at: '10.10.1.0/16',
        message: 'vpc.cidr 10.10.1.0/16 has host bits set',
        hint: 'write 10.10.0.0/16',
      },
    ],
  },
  // ---- private subnets -------------------------------------------------------------------------
  {
    name: 'a /17 and a /28 subnet inside the VPC',
    yaml: subnets('10.0.0.0/16', '10.1.0.0/28', '10.0.0.0/16').map((l) =>
      l.replace('10.0.0.0/16}', '10.0.0.0/17}').replace('10.1.0.0/28', '10.0.128.0/28'),
    ),
    problems: [],
  },
  {
    name: 'a /16 subnet filling the VPC, next to a /28 outside it',
    yaml: subnets('10.0.0.0/16', '10.1.0.0/28', '10.0.0.0/16'),
    problems: [
      {
        path: B,
        at: '10.1.0.0/28',
        message: `${B} 10.1.0.0/28 is not inside vpc.cidr 10.0.0.0/16`,
        hint: 'choose a block inside 10.0.0.0/16',
      },
    ],
  },
  {
    name: 'without vpc.cidr, subnets must fit the default block private-eks creates',
    yaml: subnets('192.168.0.0/19', '10.0.32.0/19'),
    problems: [
      {
        path: B,
        at: '10.0.32.0/19',
        message: `${B} 10.0.32.0/19 is not inside the VPC's block 192.168.0.0/16 (the default: the file sets no vpc.cidr)`,
        hint: 'choose a block inside 192.168.0.0/16, or set vpc.cidr to a block that holds it',
      },
    ],
  },
  {
    name: 'an empty vpc.id is no supplied VPC: the default block still applies',
    yaml: subnets('192.168.0.0/19', '10.0.32.0/19').map((l) => (l === 'vpc:' ? 'vpc:\n  id: ""' : l)),
    problems: [
      {
        path: B,
        at: '10.0.32.0/19',
        message: `${B} 10.0.32.0/19 is not inside the VPC's block 192.168.0.0/16 (the default: the file sets no vpc.cidr)`,
        hint: 'choose a block inside 192.168.0.0/16, or set vpc.cidr to a block that holds it',
      },
    ],
  },
  {
    name: "a supplied VPC's subnet blocks are checked against AWS at planning, not here",
    yaml: SUPPLIED_VPC.map((l) => l.replace('0}', '0, cidr: 10.0.0.0/19}').replace('1}', '1, cidr: 172.16.0.0/19}')),
    problems: [],
  },
  {
    name: 'a subnet block that is no CIDR',
    yaml: subnets('192.168.0.0/19', '192.168.32.0'),
    problems: [
      {
        path: B,
        at: '192.168.32.0',
        message: `${B} "192.168.32.0" is not an IPv4 CIDR`,
        hint: 'write an address and a prefix length, e.g. 10.0.0.0/16',
      },
    ],
  },
  {
    name: 'a /15 subnet and a /29 subnet',
    yaml: subnets('10.0.0.0/15', '10.2.0.0/29', '10.0.0.0/16'),
    problems: [
      {
        path: A,
        at: '10.0.0.0/15',
        message: 'subnet CIDR prefix must be between /16 and /28, got /15',
        hint: 'EC2 subnets are /16 to /28',
      },
      {
        path: B,
        at: '10.2.0.0/29',
        message: 'subnet CIDR prefix must be between /16 and /28, got /29',
        hint: 'EC2 subnets are /16 to /28',
      },
    ],
  },
  {
    name: 'a subnet block with host bits',
    yaml: subnets('192.168.0.0/19', '192.168.33.0/19'),
    problems: [
      {
        path: B,
        at: '192.168.33.0/19',
        message: `${B} 192.168.33.0/19 has host bits set`,
        hint: 'write 192.168.32.0/19',
      },
    ],
  },
  {
    name: 'two subnets on the same block',
    yaml: subnets('192.168.0.0/19', '192.168.0.0/20'),
    problems: [
      {
        path: B,
        at: '192.168.0.0/20',
        message: `${B} 192.168.0.0/20 overlaps ${A} 192.168.0.0/19`,
        hint: 'give each subnet its own block',
      },
    ],
  },
  // ---- publicAccessCIDRs -----------------------------------------------------------------------
  {
    name: 'publicAccessCIDRs that are CIDRs',
    yaml: ['vpc:', '  publicAccessCIDRs: [10.1.2.3/32, 0.0.0.0/0]'],
    problems: [],
  },
  {
    name: 'a publicAccessCIDRs entry that is no CIDR, by its index',
    yaml: ['vpc:', '  publicAccessCIDRs: [10.1.2.3/32, 10.1.2.4, 10.1.2.5/32]'],
    problems: [
      {
        path: 'vpc.publicAccessCIDRs[1]',
        at: '10.1.2.4',
        message: 'vpc.publicAccessCIDRs[1] "10.1.2.4" is not an IPv4 CIDR',
        hint: 'write an address and a prefix length, e.g. 10.0.0.0/16',
      },
    ],
  },
  // ---- kubernetesNetworkConfig.serviceIPv4CIDR ---------------------------------------------------
  { name: 'a private /16 service block outside the VPC', yaml: service('10.100.0.0/16'), problems: [] },
  { name: 'an empty service CIDR (EKS chooses)', yaml: service(''), problems: [] },
  {
    name: 'a service block that is no CIDR',
    yaml: service('10.100.0.0'),
    problems: [
      {
        path: SERVICE,
        at: '10.100.0.0',
        message: `invalid IPv4 CIDR for ${SERVICE}: invalid CIDR address: 10.100.0.0`,
        hint: 'write a block such as 10.100.0.0/16, outside the VPC CIDR',
      },
    ],
  },
  {
    name: 'a public service block',
    yaml: service('100.64.0.0/16'),
    problems: [
      {
        path: SERVICE,
        at: '100.64.0.0/16',
        message: `${SERVICE} 100.64.0.0/16 is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, as EKS requires`,
        hint: 'choose a private block such as 10.100.0.0/16',
      },
    ],
  },
  {
    name: 'a /25 service block',
    yaml: service('10.100.0.0/25'),
    problems: [
      {
        path: SERVICE,
        at: '10.100.0.0/25',
        message: `${SERVICE} prefix must be between /12 and /24 for EKS, got /25`,
        hint: 'use a block from /12 to /24, e.g. 10.100.0.0/16',
      },
    ],
  },
  {
    name: 'a service block with host bits',
    yaml: service('10.100.1.0/16'),
    problems: [
      {
        path: SERVICE,
        at: '10.100.1.0/16',
        message: `${SERVICE} 10.100.1.0/16 has host bits set`,
        hint: 'write 10.100.0.0/16',
      },
    ],
  },
  {
    name: 'a service block overlapping the default VPC block',
    yaml: service('192.168.128.0/24'),
    problems: [
      {
        path: SERVICE,
        at: '192.168.128.0/24',
        message: `${SERVICE} 192.168.128.0/24 overlaps the VPC's block 192.168.0.0/16 (the default: the file sets no vpc.cidr)`,
        hint: 'choose a block outside the VPC, e.g. 10.100.0.0/16 (or 172.20.0.0/16 when the VPC is in 10.0.0.0/8), or set vpc.cidr to another block',
      },
    ],
  },
  {
    name: "a supplied VPC's blocks are known only to AWS: no overlap check",
    yaml: [...SUPPLIED_VPC, ...service('192.168.0.0/16')],
    problems: [],
  },
];

describe('V16: every CIDR of the file', () => {
  it.each(CASES)('$name', (c) => {
    const text = lines(HEADER, ...c.yaml);
    const result = load(text);
    const expected = c.problems.map((p) => ({
      rule: 'V16',
      severity: 'error',
      file: 'test.yaml',
      path: p.path,
      message: p.message,
      hint: p.hint,
      ...locate(text, p.at),
    }));
    expect(withRule(result, 'V16')).toEqual(expected);
    // No other rule is disturbed by a block V16 accepts (the passing files are valid).
    if (c.problems.length === 0) expect(result.problems).toEqual([]);
    else expect(result.config).toBeUndefined();
  });
});
