/**
 * Nodegroup rules of SPEC §3 (V8 private networking, V10 Outposts, V12 names) and the settings no
 * numbered rule covers (sizes in order, subnets or zones, an SSH key pair, IMDSv1), file by file:
 * every problem the file gets, where it points, its message and hint.
 */
import { describe } from 'vitest';
import { itGivesTheseProblems, type ProblemCase } from './problem-table.js';

const ng = (...extra: string[]) => [
  'nodeGroups:',
  '  - name: ng1',
  '    privateNetworking: true',
  ...extra.map((l) => '    ' + l),
];
const mng = (...extra: string[]) => [
  'managedNodeGroups:',
  '  - name: m1',
  '    privateNetworking: true',
  ...extra.map((l) => '    ' + l),
];
const SIZE_HINT = 'make minSize ≤ desiredCapacity ≤ maxSize (minSize and maxSize default to desiredCapacity)';
const UNIQUE_HINT = (first: string) =>
  `${first} has the same name; nodegroup names are unique across nodeGroups and managedNodeGroups`;
const BAD_NAME = (shown: string) =>
  `validation for ${shown} failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`;

const CASES: ProblemCase[] = [
  // ---- V8 --------------------------------------------------------------------------------------
  { name: 'privateNetworking: true on both kinds', yaml: [...ng(), ...mng()], problems: [] },
  {
    name: 'privateNetworking left out (never defaulted)',
    yaml: ['nodeGroups:', '  - name: ng1'],
    problems: [
      {
        rule: 'V8',
        path: 'nodeGroups[0].privateNetworking',
        at: 'name: ng1',
        message:
          'nodeGroups[0].privateNetworking must be enabled for a fully-private cluster; set privateNetworking: true explicitly',
        hint: 'add privateNetworking: true to nodegroup "ng1"; it is never defaulted',
      },
    ],
  },
  {
    name: 'privateNetworking: false on an unnamed managed nodegroup',
    yaml: ['managedNodeGroups:', '  - {privateNetworking: false}'],
    problems: [
      {
        rule: 'V12',
        path: 'managedNodeGroups[0].name',
        at: '{privateNetworking',
        message: 'managedNodeGroups[0].name must be set',
        hint: 'name the nodegroup: name: ng-1',
      },
      {
        rule: 'V8',
        path: 'managedNodeGroups[0].privateNetworking',
        at: 'false',
        message: 'managedNodeGroups[0].privateNetworking must be enabled for a fully-private cluster',
        hint: 'write privateNetworking: true',
      },
    ],
  },
  {
    name: 'privateNetworking of the wrong type: the type problem only',
    yaml: ['nodeGroups:', '  - {name: ng1, privateNetworking: "true"}'],
    problems: [
      {
        rule: 'TYPE',
        path: 'nodeGroups[0].privateNetworking',
        at: '"true"',
        message: 'expected true or false, got the string "true"',
        hint: 'write true without quotes (YAML 1.2 reads "true" as a string)',
      },
    ],
  },
  // ---- V10 -------------------------------------------------------------------------------------
  {
    name: 'an Outpost nodegroup',
    yaml: [...ng(), ...mng('outpostARN: arn:aws:outposts:us-west-2:123456789012:outpost/op-1')],
    problems: [
      {
        rule: 'V10',
        path: 'managedNodeGroups[0].outpostARN',
        at: 'outpostARN',
        message: 'nodeGroup.outpostARN is not supported on a fully-private cluster (privateCluster.enabled)',
        hint: 'remove outpostARN: the nodes run in the private subnets of the region',
      },
    ],
  },
  // ---- V12 -------------------------------------------------------------------------------------
  {
    name: 'names: empty, missing, the wrong type',
    yaml: [
      'managedNodeGroups:',
      '  - {name: "", privateNetworking: true}',
      '  - {privateNetworking: true}',
      '  - {name: 5, privateNetworking: true}',
    ],
    problems: [
      {
        rule: 'V12',
        path: 'managedNodeGroups[0].name',
        at: '""',
        message: 'managedNodeGroups[0].name must be set',
        hint: 'name the nodegroup: name: ng-1',
      },
      {
        rule: 'V12',
        path: 'managedNodeGroups[1].name',
        at: '{privateNetworking',
        message: 'managedNodeGroups[1].name must be set',
        hint: 'name the nodegroup: name: ng-1',
      },
      {
        rule: 'TYPE',
        path: 'managedNodeGroups[2].name',
        at: ['5', 2],
        message: 'expected a string, got the number 5',
        hint: 'quote it: "5"',
      },
    ],
  },
  {
    name: 'a name with a space, twice',
    yaml: ['nodeGroups:', '  - {name: "a b", privateNetworking: true}', '  - {name: "a b", privateNetworking: true}'],
    problems: [
      {
        rule: 'V12',
        path: 'nodeGroups[0].name',
        at: '"a b"',
        message: BAD_NAME('"a b"'),
        hint: 'use letters, digits and dashes only',
      },
      {
        rule: 'V12',
        path: 'nodeGroups[1].name',
        at: ['"a b"', 2],
        message: BAD_NAME('"a b"'),
        hint: 'use letters, digits and dashes only',
      },
      {
        rule: 'V12',
        path: 'nodeGroups[1].name',
        at: ['"a b"', 2],
        message: 'nodeGroups[1].name "a b" is not unique',
        hint: UNIQUE_HINT('nodeGroups[0].name'),
      },
    ],
  },
  {
    name: 'a name with an underscore (shown raw)',
    yaml: ['nodeGroups:', '  - {name: ng_1, privateNetworking: true}'],
    problems: [
      {
        rule: 'V12',
        path: 'nodeGroups[0].name',
        at: 'ng_1',
        message: BAD_NAME('ng_1'),
        hint: 'use letters, digits and dashes only',
      },
    ],
  },
  {
    name: 'one name across both kinds: each repeat names the first',
    yaml: [
      'nodeGroups:',
      '  - {name: n, privateNetworking: true}',
      '  - {name: n, privateNetworking: true}',
      'managedNodeGroups:',
      '  - {name: n, privateNetworking: true}',
      '  - {name: 0n, privateNetworking: true}',
    ],
    problems: [
      {
        rule: 'V12',
        path: 'nodeGroups[1].name',
        at: ['n, privateNetworking', 2],
        message: 'nodeGroups[1].name "n" is not unique',
        hint: UNIQUE_HINT('nodeGroups[0].name'),
      },
      {
        rule: 'V12',
        path: 'managedNodeGroups[0].name',
        at: ['n, privateNetworking', 3],
        message: 'managedNodeGroups[0].name "n" is not unique',
        hint: UNIQUE_HINT('nodeGroups[0].name'),
      },
    ],
  },
  // ---- sizes -----------------------------------------------------------------------------------
  { name: 'sizes in order', yaml: ng('minSize: 1', 'desiredCapacity: 2', 'maxSize: 3'), problems: [] },
  { name: 'equal sizes', yaml: ng('minSize: 2', 'desiredCapacity: 2', 'maxSize: 2'), problems: [] },
  { name: 'minSize alone (desiredCapacity and maxSize follow it)', yaml: ng('minSize: 5'), problems: [] },
  { name: 'maxSize alone (the rest follow it down)', yaml: ng('maxSize: 1'), problems: [] },
  {
    name: 'minSize over maxSize',
    yaml: ng('minSize: 3', 'maxSize: 2'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].minSize',
        at: '3',
        message: 'nodeGroups[0].minSize (3) is greater than maxSize (2)',
        hint: SIZE_HINT,
      },
    ],
  },
  {
    name: 'desiredCapacity over maxSize (minSize follows desiredCapacity: the pair the file wrote is named)',
    yaml: ng('desiredCapacity: 3', 'maxSize: 2'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].desiredCapacity',
        at: '3',
        message: 'nodeGroups[0].desiredCapacity (3) is greater than maxSize (2)',
        hint: SIZE_HINT,
      },
    ],
  },
  {
    name: 'minSize over desiredCapacity',
    yaml: ng('desiredCapacity: 3', 'minSize: 4', 'maxSize: 5'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].minSize',
        at: '4',
        message: 'nodeGroups[0].minSize (4) is greater than desiredCapacity (3)',
        hint: SIZE_HINT,
      },
    ],
  },
  {
    name: 'all three out of order: one problem, the first pair',
    yaml: ng('desiredCapacity: 5', 'minSize: 6', 'maxSize: 4'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].minSize',
        at: '6',
        message: 'nodeGroups[0].minSize (6) is greater than maxSize (4)',
        hint: SIZE_HINT,
      },
    ],
  },
  {
    name: "a managed nodegroup's sizes: eksctl's words only, once",
    yaml: mng('minSize: 7', 'maxSize: 6'),
    problems: [
      {
        rule: 'VALUE',
        path: 'managedNodeGroups[0].maxSize',
        at: '6',
        message: 'cannot use --nodes-min=7 and --nodes-max=6 at the same time',
        hint: SIZE_HINT,
      },
    ],
  },
  { name: 'a managed nodegroup with minSize alone', yaml: mng('minSize: 3'), problems: [] },
  // ---- subnets or zones, SSH, IMDSv1 -------------------------------------------------------------
  {
    name: 'subnets and availabilityZones on a nodegroup',
    yaml: ng('subnets: [subnet-0a]', 'availabilityZones: [us-west-2a]'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].availabilityZones',
        at: 'availabilityZones',
        message: 'only one of nodeGroups[0].subnets or nodeGroups[0].availabilityZones should be set',
        hint: 'keep one of the two',
      },
    ],
  },
  {
    name: 'empty subnets with availabilityZones',
    yaml: ng('subnets: []', 'availabilityZones: [us-west-2a]'),
    problems: [],
  },
  {
    name: 'availabilityZones empty with subnets',
    yaml: ng('subnets: [subnet-0a]', 'availabilityZones: []'),
    problems: [],
  },
  { name: 'ssh with a key pair', yaml: ng('ssh: {allow: true, publicKeyName: k}'), problems: [] },
  { name: 'ssh not allowed, no key pair', yaml: ng('ssh: {allow: false}'), problems: [] },
  {
    name: 'ssh allowed with an empty key pair name',
    yaml: mng('ssh: {allow: true, publicKeyName: ""}'),
    problems: [
      {
        rule: 'REQUIRED',
        path: 'managedNodeGroups[0].ssh.publicKeyName',
        at: 'ssh',
        message: 'managedNodeGroups[0].ssh.publicKeyName must be set when ssh.allow is true',
        hint: 'name an EC2 key pair of the region: publicKeyName: my-key',
      },
    ],
  },
  { name: 'disableIMDSv1: true', yaml: ng('disableIMDSv1: true'), problems: [] },
  {
    name: 'disableIMDSv1: false (a warning: IMDSv2 stays required)',
    yaml: mng('disableIMDSv1: false'),
    problems: [
      {
        rule: 'VALUE',
        severity: 'warning',
        path: 'managedNodeGroups[0].disableIMDSv1',
        at: 'false',
        message: 'managedNodeGroups[0].disableIMDSv1: false is ignored: private-eks always requires IMDSv2 on nodes',
        hint: 'remove disableIMDSv1',
      },
    ],
  },
];

describe('nodegroups: V8, V10, V12 and their settings', () => {
  itGivesTheseProblems(CASES);
});
