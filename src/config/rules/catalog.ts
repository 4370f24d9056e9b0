/**
 * The rule catalog: for every rule id a Problem can carry, what it is about, a config that breaks
 * it and the usual fix. docs/rules.md is generated from it (scripts/gen-docs.ts), running each
 * example through the real checks so the page shows the real message; a test fails when a rule id
 * used anywhere in src/ has no entry here, or when an example no longer triggers its rule.
 *
 * Adding a rule id: add an entry (keep the order: reader checks, then V1…, then the rest).
 */
import type { RuleId } from '../problem.js';

/** Where a rule is checked: by `validate` (no AWS), by `plan --offline`, or only by a plan with AWS facts. */
export type RuleStage = 'read' | 'validate' | 'plan' | 'plan-aws';

export interface RuleCatalogEntry {
  readonly id: RuleId;
  /** What the rule is about, one line. */
  readonly title: string;
  readonly stage: RuleStage;
  /** A whole config file that breaks the rule (for `plan-aws`, one that breaks it against the VPC described in `fix`). */
  readonly example: string;
  /** The usual fix, for people. */
  readonly fix: string;
}

const HEAD = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: demo
  region: us-west-2
`;
const PRIVATE = `privateCluster:
  enabled: true
`;
const NODES = `managedNodeGroups:
  - name: ng
    privateNetworking: true
`;
const BASE = HEAD + PRIVATE + NODES;
const SUPPLIED_VPC = `vpc:
  id: vpc-0123456789abcdef0
  subnets:
    private:
      us-west-2a: { id: subnet-0aaaaaaaaaaaaaaa1 }
      us-west-2b: { id: subnet-0bbbbbbbbbbbbbbb2 }
`;

export const RULE_CATALOG: readonly RuleCatalogEntry[] = [
  {
    id: 'FILE',
    title: 'the file cannot be read (missing, a directory, larger than 128 KiB, binary, not UTF-8)',
    stage: 'read',
    example: '',
    fix: 'check the path given to -f; `-f -` reads standard input. A ClusterConfig is a few kilobytes (200 nodegroups in 6 zones are 34 KB): a larger file is refused so that every answer comes in well under a second',
  },
  {
    id: 'YAML',
    title:
      'the file is not valid YAML, or uses YAML features private-eks refuses (many aliases, several documents, more than 10,000 values)',
    stage: 'read',
    example: `${HEAD}privateCluster:\n  enabled: true\n   skipEndpointCreation: false\n`,
    fix: 'fix the indentation or syntax at the position shown',
  },
  {
    id: 'DUPLICATE_KEY',
    title: 'a key appears twice in one mapping',
    stage: 'read',
    example: `${BASE}privateCluster:\n  enabled: true\n`,
    fix: 'keep one of the two keys',
  },
  {
    id: 'TYPE',
    title: 'a value has the wrong type (a string where a number is expected, a list where a mapping is)',
    stage: 'validate',
    example: `${HEAD}${PRIVATE}managedNodeGroups:\n  - name: ng\n    privateNetworking: true\n    desiredCapacity: two\n`,
    fix: 'write a value of the type named in the message',
  },
  {
    id: 'REQUIRED',
    title: 'a required field is missing (apiVersion, kind)',
    stage: 'validate',
    example: `kind: ClusterConfig\nmetadata:\n  name: demo\n  region: us-west-2\n${PRIVATE}${NODES}`,
    fix: 'add the field; the hint gives the value',
  },
  {
    id: 'UNKNOWN_FIELD',
    title: 'a field neither private-eks nor eksctl knows (often a typo)',
    stage: 'validate',
    example: `${HEAD}${PRIVATE}managedNodeGroups:\n  - name: ng\n    privateNetworking: true\n    desiredCapacty: 2\n`,
    fix: 'correct the name ("did you mean" suggests one), or remove the field',
  },
  {
    id: 'VALUE',
    title:
      'a value private-eks cannot use that no numbered rule covers (an unknown Kubernetes version, minSize above maxSize, …)',
    stage: 'validate',
    example: `${HEAD}  version: "1.12"\n${PRIVATE}${NODES}`,
    fix: 'use a value from the list the message gives',
  },
  {
    id: 'V1',
    title: 'privateCluster.enabled must be true',
    stage: 'validate',
    example: `${HEAD}${NODES}`,
    fix: 'add `privateCluster: {enabled: true}`: private-eks creates fully-private clusters only',
  },
  {
    id: 'V2',
    title: 'vpc.clusterEndpoints cannot open public access',
    stage: 'validate',
    example: `${BASE}vpc:\n  clusterEndpoints:\n    publicAccess: true\n`,
    fix: 'remove vpc.clusterEndpoints: the API server endpoint of a fully-private cluster is private',
  },
  {
    id: 'V3',
    title: 'no public subnets',
    stage: 'validate',
    example: `${BASE}vpc:\n  subnets:\n    public:\n      us-west-2a: { id: subnet-0aaaaaaaaaaaaaaa1 }\n`,
    fix: 'remove vpc.subnets.public; give private subnets only',
  },
  {
    id: 'V4',
    title: 'a supplied VPC needs its private subnets listed',
    stage: 'validate',
    example: `${BASE}vpc:\n  id: vpc-0123456789abcdef0\n`,
    fix: 'list the private subnets under vpc.subnets.private (by id, keyed by zone)',
  },
  {
    id: 'V5',
    title: 'skipEndpointCreation and additionalEndpointServices exclude each other',
    stage: 'validate',
    example: `${HEAD}privateCluster:\n  enabled: true\n  skipEndpointCreation: true\n  additionalEndpointServices: [autoscaling]\n${NODES}${SUPPLIED_VPC}`,
    fix: 'remove one: with skipEndpointCreation the VPC must already have every endpoint',
  },
  {
    id: 'V6',
    title: 'additionalEndpointServices names a service private-eks does not know',
    stage: 'validate',
    example: `${HEAD}privateCluster:\n  enabled: true\n  additionalEndpointServices: [dynamo]\n${NODES}`,
    fix: 'use a name from the list in the message',
  },
  {
    id: 'V7',
    title: 'additionalEndpointServices lists a service twice',
    stage: 'validate',
    example: `${HEAD}privateCluster:\n  enabled: true\n  additionalEndpointServices: [autoscaling, autoscaling]\n${NODES}`,
    fix: 'list each service once',
  },
  {
    id: 'V8',
    title: 'every nodegroup needs privateNetworking: true',
    stage: 'validate',
    example: `${HEAD}${PRIVATE}managedNodeGroups:\n  - name: ng\n    privateNetworking: false\n`,
    fix: 'set `privateNetworking: true` on the nodegroup',
  },
  {
    id: 'V9',
    title: 'local zones are not supported',
    stage: 'validate',
    example: `${BASE}localZones: [us-west-2-lax-1a]\n`,
    fix: 'remove localZones',
  },
  {
    id: 'V10',
    title: 'nodegroups on Outposts are not supported',
    stage: 'validate',
    example: `${HEAD}${PRIVATE}nodeGroups:\n  - name: ng\n    privateNetworking: true\n    outpostARN: arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0\n`,
    fix: 'remove outpostARN',
  },
  {
    id: 'V11',
    title: 'clusters on Outposts are not supported',
    stage: 'validate',
    example: `${BASE}outpost:\n  controlPlaneOutpostARN: arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0\n`,
    fix: 'remove outpost',
  },
  {
    id: 'V12',
    title: 'nodegroup names: set, valid, unique, and short enough for their stack name',
    stage: 'validate',
    example: `${HEAD}${PRIVATE}managedNodeGroups:\n  - name: ng\n    privateNetworking: true\n  - name: ng\n    privateNetworking: true\n`,
    fix: 'give every nodegroup its own valid name',
  },
  {
    id: 'V13',
    title: 'vpc.subnets and availabilityZones exclude each other',
    stage: 'validate',
    example: `${BASE}availabilityZones: [us-west-2a, us-west-2b]\n${SUPPLIED_VPC}`,
    fix: 'remove availabilityZones: the subnets give the zones',
  },
  {
    id: 'V14',
    title: 'at least two availability zones',
    stage: 'validate',
    example: `${BASE}availabilityZones: [us-west-2a]\n`,
    fix: 'name at least two zones, or leave availabilityZones out',
  },
  {
    id: 'V15',
    title: 'metadata.name and metadata.region: set and valid',
    stage: 'validate',
    example: `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: demo\n${PRIVATE}${NODES}`,
    fix: 'add metadata.region (and a name of letters, digits and dashes)',
  },
  {
    id: 'V16',
    title: 'CIDRs: valid, in range, inside the VPC, not overlapping',
    stage: 'validate',
    example: `${BASE}vpc:\n  cidr: 10.0.0.0/8\n`,
    fix: 'use a VPC CIDR between /16 and /24, and subnets inside it that do not overlap',
  },
  {
    id: 'V17',
    title: 'skipEndpointCreation needs a supplied VPC',
    stage: 'validate',
    example: `${HEAD}privateCluster:\n  enabled: true\n  skipEndpointCreation: true\n${NODES}`,
    fix: 'remove skipEndpointCreation, or supply the VPC that already has the endpoints',
  },
  {
    id: 'V18',
    title: 'vpc.nat is ignored (warning)',
    stage: 'validate',
    example: `${BASE}vpc:\n  nat:\n    gateway: Single\n`,
    fix: 'remove vpc.nat: a fully-private cluster has no NAT gateway',
  },
  {
    id: 'V19',
    title: 'an eksctl field private-eks does not implement',
    stage: 'validate',
    example: `${BASE}gitops:\n  flux:\n    gitProvider: github\n`,
    fix: 'follow the hint: it says why the field is refused and what to do instead (docs/configuration.md lists every field)',
  },
  {
    id: 'V20',
    title: 'the region offers fully-private clusters (every required endpoint service)',
    stage: 'validate',
    example: `${HEAD.replace('us-west-2', 'eu-south-1')}${PRIVATE}${NODES}`,
    fix: 'choose another region',
  },
  {
    id: 'V21',
    title:
      'a supplied VPC: subnets found in it, explicit non-main route tables, no route to an internet gateway, DNS support and hostnames on',
    stage: 'plan-aws',
    example: `${BASE}${SUPPLIED_VPC}`,
    fix: "associate each subnet with a route table of its own, remove internet-gateway routes from those tables, and turn on the VPC's DNS support and DNS hostnames; `private-eks doctor -f FILE` checks all of it",
  },
  {
    id: 'V22',
    title: 'where nodegroups and Fargate profiles go: subnets and zones of the cluster; clusters with Fargate only',
    stage: 'plan',
    example: `${HEAD}${PRIVATE}managedNodeGroups:\n  - name: ng\n    privateNetworking: true\n    availabilityZones: [us-west-2d]\navailabilityZones: [us-west-2a, us-west-2b]\n`,
    fix: "place nodegroups in the cluster's zones or subnets",
  },
  {
    id: 'V23',
    title: 'IPv6 clusters: OIDC on, the core add-ons listed, managed nodegroups only, IPv6 blocks on a supplied VPC',
    stage: 'plan',
    example: `${BASE}kubernetesNetworkConfig:\n  ipFamily: IPv6\naddons:\n  - name: coredns\n`,
    fix: 'set iam.withOIDC: true and list the vpc-cni, coredns and kube-proxy add-ons',
  },
  {
    id: 'INTERNAL',
    title: 'a bug in private-eks met while reading the file',
    stage: 'read',
    example: '',
    fix: 'please report it, with the file if you can share it',
  },
];
