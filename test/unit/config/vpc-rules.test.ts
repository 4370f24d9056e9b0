/**
 * The cluster's network (V2 endpoint access, V3 public subnets, V4 subnets of a supplied VPC, V13
 * subnets with zones, V14 two zones, V18 NAT), file by file: every problem the file gets, where it
 * points, its message and hint.
 */
import { describe } from 'vitest';
import { itGivesTheseProblems, type ProblemCase } from './problem-table.js';

const V2_MESSAGE =
  'vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only';
const V4 = {
  rule: 'V4',
  path: 'vpc.subnets.private',
  message: 'vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied',
  hint: 'list the private subnets of the VPC, e.g. vpc.subnets.private: {us-west-2a: {id: subnet-…}}',
} as const;
const V13 = {
  rule: 'V13',
  path: 'availabilityZones',
  at: 'availabilityZones',
  message: 'vpc.subnets and availabilityZones cannot be set at the same time',
  hint: 'remove availabilityZones: the zones of vpc.subnets are the cluster zones',
} as const;
const V14_SUBNETS = {
  rule: 'V14',
  path: 'vpc.subnets.private',
  at: 'private:',
  hint: 'add a private subnet in another zone',
} as const;
const V14_ZONES = {
  rule: 'V14',
  path: 'availabilityZones',
  at: 'availabilityZones',
  hint: 'list two or more zones of the region',
} as const;
/** Private subnets by key, each a flow mapping. */
const privateSubnets = (...entries: string[]) => [
  'vpc:',
  '  subnets:',
  '    private:',
  ...entries.map((e) => `      ${e}`),
];

const CASES: ProblemCase[] = [
  // ---- V2 --------------------------------------------------------------------------------------
  { name: 'an empty clusterEndpoints', yaml: ['vpc:', '  clusterEndpoints: {}'], problems: [] },
  {
    name: "eksctl's own dry-run output (both true) is accepted",
    yaml: ['vpc:', '  clusterEndpoints: {publicAccess: true, privateAccess: true}'],
    problems: [],
  },
  {
    name: 'publicAccess and privateAccess set otherwise: each named',
    yaml: ['vpc:', '  clusterEndpoints: {publicAccess: false, privateAccess: true}'],
    problems: [
      {
        rule: 'V2',
        path: 'vpc.clusterEndpoints.publicAccess',
        at: 'publicAccess',
        message: V2_MESSAGE,
        hint: 'remove publicAccess: the API endpoint is private-only',
      },
      {
        rule: 'V2',
        path: 'vpc.clusterEndpoints.privateAccess',
        at: 'privateAccess',
        message: V2_MESSAGE,
        hint: 'remove privateAccess: the API endpoint is private-only',
      },
    ],
  },
  {
    name: 'publicAccess alone, even true',
    yaml: ['vpc:', '  clusterEndpoints: {publicAccess: true}'],
    problems: [
      {
        rule: 'V2',
        path: 'vpc.clusterEndpoints.publicAccess',
        at: 'publicAccess',
        message: V2_MESSAGE,
        hint: 'remove publicAccess: the API endpoint is private-only',
      },
    ],
  },
  // ---- V3 --------------------------------------------------------------------------------------
  { name: 'an empty public subnet map', yaml: ['vpc:', '  subnets:', '    public: {}'], problems: [] },
  {
    name: 'a public subnet',
    yaml: [
      ...privateSubnets('us-west-2a: {id: subnet-0a}', 'us-west-2b: {id: subnet-0b}'),
      '    public:',
      '      us-west-2c: {id: subnet-0c}',
    ],
    problems: [
      {
        rule: 'V3',
        path: 'vpc.subnets.public',
        at: 'public',
        message: 'vpc.subnets.public cannot be specified in a fully-private cluster: only private subnets are allowed',
        hint: 'remove vpc.subnets.public; list the cluster subnets under vpc.subnets.private',
      },
    ],
  },
  // ---- V4 --------------------------------------------------------------------------------------
  {
    name: 'a supplied VPC with its private subnets',
    yaml: [
      'vpc:',
      '  id: vpc-0a',
      '  subnets:',
      '    private:',
      '      us-west-2a: {id: subnet-0a}',
      '      us-west-2b: {id: subnet-0b}',
    ],
    problems: [],
  },
  { name: 'an empty vpc.id is no supplied VPC', yaml: ['vpc: {id: ""}'], problems: [] },
  {
    name: 'a supplied VPC without subnets (points at vpc)',
    yaml: ['vpc:', '  id: vpc-0a'],
    problems: [{ ...V4, at: 'vpc:' }],
  },
  {
    name: 'a supplied VPC with an empty private map (points at it)',
    yaml: ['vpc:', '  id: vpc-0a', '  subnets: {private: {}}'],
    problems: [{ ...V4, at: 'private: {}' }],
  },
  // ---- V13 -------------------------------------------------------------------------------------
  { name: 'availabilityZones alone', yaml: ['availabilityZones: [us-west-2a, us-west-2b]'], problems: [] },
  {
    name: 'private subnets and availabilityZones',
    yaml: [
      'availabilityZones: [us-west-2a, us-west-2b]',
      ...privateSubnets('us-west-2a: {id: subnet-0a}', 'us-west-2b: {id: subnet-0b}'),
    ],
    problems: [V13],
  },
  {
    name: 'public subnets and availabilityZones (both V13 and V3)',
    yaml: [
      'availabilityZones: [us-west-2a, us-west-2b]',
      'vpc:',
      '  subnets:',
      '    public:',
      '      us-west-2a: {id: subnet-0a}',
    ],
    problems: [
      V13,
      {
        rule: 'V3',
        path: 'vpc.subnets.public',
        at: 'public',
        message: 'vpc.subnets.public cannot be specified in a fully-private cluster: only private subnets are allowed',
        hint: 'remove vpc.subnets.public; list the cluster subnets under vpc.subnets.private',
      },
    ],
  },
  {
    name: 'an empty availabilityZones with subnets',
    yaml: ['availabilityZones: []', ...privateSubnets('us-west-2a: {id: subnet-0a}', 'us-west-2b: {id: subnet-0b}')],
    problems: [],
  },
  // ---- V14 -------------------------------------------------------------------------------------
  {
    name: 'two subnets named by id alone: each may be its own zone',
    yaml: privateSubnets('a: {id: subnet-0a}', 'b: {id: subnet-0b}'),
    problems: [],
  },
  {
    name: 'two subnets in one zone (az given)',
    yaml: privateSubnets('a: {id: subnet-0a, az: us-west-2a}', 'b: {id: subnet-0b, az: us-west-2a}'),
    problems: [
      {
        ...V14_SUBNETS,
        message:
          'vpc.subnets.private has subnets in 1 zone (us-west-2a); EKS needs private subnets in at least 2 availability zones',
      },
    ],
  },
  {
    name: 'two subnets in one zone (the key is the zone)',
    yaml: privateSubnets('us-west-2a: {id: subnet-0a}', 'b: {id: subnet-0b, az: us-west-2a}'),
    problems: [
      {
        ...V14_SUBNETS,
        message:
          'vpc.subnets.private has subnets in 1 zone (us-west-2a); EKS needs private subnets in at least 2 availability zones',
      },
    ],
  },
  {
    name: 'one subnet of an unknown zone',
    yaml: privateSubnets('a: {id: subnet-0a}'),
    problems: [
      {
        ...V14_SUBNETS,
        message:
          'vpc.subnets.private has subnets in 1 zone; EKS needs private subnets in at least 2 availability zones',
      },
    ],
  },
  {
    name: 'one zone named twice in availabilityZones',
    yaml: ['availabilityZones: [us-west-2a, us-west-2a]'],
    problems: [
      {
        ...V14_ZONES,
        message: 'availabilityZones names 1 zone (us-west-2a); EKS needs at least 2 availability zones',
      },
    ],
  },
  { name: 'an empty availabilityZones (planning picks the zones)', yaml: ['availabilityZones: []'], problems: [] },
  // ---- V18 -------------------------------------------------------------------------------------
  {
    name: 'vpc.nat, even empty (a warning)',
    yaml: ['vpc:', '  nat: {}'],
    problems: [
      {
        rule: 'V18',
        severity: 'warning',
        path: 'vpc.nat',
        at: 'nat',
        message: 'vpc.nat is ignored: a fully-private cluster has no NAT gateway',
        hint: 'remove vpc.nat',
      },
    ],
  },
];

describe('the network: V2, V3, V4, V13, V14 and V18', () => {
  itGivesTheseProblems(CASES);
});
