/**
 * Nodegroup sizes (rules/nodegroups.ts and eksctl's check in rules/nodegroup-kinds.ts): every
 * combination of minSize, desiredCapacity and maxSize out of order gives exactly one problem, in
 * eksctl's words for a managed nodegroup and in private-eks's for a self-managed one. Then the
 * exact place and words of the nodegroup problems reported where a field is missing.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';

const errors = (text: string) =>
  load(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.path, p.message]);

function nodegroup(kind: string, ...sizes: string[]): string {
  return lines(HEADER, `${kind}:`, '  - name: ng', '    privateNetworking: true', ...sizes.map((s) => `    ${s}`));
}

describe('nodegroup sizes: exactly one problem for each order broken', () => {
  const SIZES: [string[], string, string | undefined, string | undefined][] = [
    // sizes, the field, the managed nodegroup's message, the self-managed one's
    [['minSize: 3'], '', undefined, undefined],
    [['maxSize: 2'], '', undefined, undefined],
    [['desiredCapacity: 3', 'maxSize: 3'], '', undefined, undefined],
    [['minSize: 3', 'desiredCapacity: 3'], '', undefined, undefined],
    [['desiredCapacity: 1', 'minSize: 1', 'maxSize: 1'], '', undefined, undefined],
    [['maxSize: 1'], 'maxSize', 'cannot use --nodes-min=2 and --nodes-max=1 at the same time', undefined],
    [
      ['desiredCapacity: 5', 'maxSize: 3'],
      'maxSize|desiredCapacity',
      'cannot use --nodes-max=3 and --nodes=5 at the same time',
      'desiredCapacity (5) is greater than maxSize (3)',
    ],
    [
      ['minSize: 3', 'desiredCapacity: 1'],
      'minSize',
      'cannot use --nodes-min=3 and --nodes=1 at the same time',
      'minSize (3) is greater than desiredCapacity (1)',
    ],
    [
      ['minSize: 4', 'maxSize: 3'],
      'maxSize|minSize',
      'cannot use --nodes-min=4 and --nodes-max=3 at the same time',
      'minSize (4) is greater than maxSize (3)',
    ],
    [
      ['desiredCapacity: 0', 'maxSize: 1', 'minSize: 1'],
      'minSize',
      'cannot use --nodes-min=1 and --nodes=0 at the same time',
      'minSize (1) is greater than desiredCapacity (0)',
    ],
    [
      ['minSize: 2', 'maxSize: 1', 'desiredCapacity: 1'],
      'minSize',
      'cannot use --nodes-min=2 and --nodes=1 at the same time',
      'minSize (2) is greater than maxSize (1)',
    ],
  ];

  it.each(SIZES)('%j', (sizes, field, managed, selfManaged) => {
    const [managedField, selfField = managedField] = field.split('|');
    expect(errors(nodegroup('managedNodeGroups', ...sizes))).toEqual(
      managed === undefined ? [] : [[`managedNodeGroups[0].${managedField}`, managed]],
    );
    expect(errors(nodegroup('nodeGroups', ...sizes))).toEqual(
      selfManaged === undefined ? [] : [[`nodeGroups[0].${selfField}`, `nodeGroups[0].${selfManaged}`]],
    );
  });
});

describe('nodegroup problems where a field is missing: reported at the nodegroup', () => {
  const problemsOf = (text: string) =>
    load(text).problems.map((p) => ({ rule: p.rule, path: p.path, line: p.line, column: p.column, hint: p.hint }));

  it('privateNetworking unset: the hint names the nodegroup when it has a name', () => {
    const named = lines(HEADER, 'managedNodeGroups:', '  - name: ng', '    instanceType: m5.large');
    expect(problemsOf(named)).toEqual([
      {
        rule: 'V8',
        path: 'managedNodeGroups[0].privateNetworking',
        line: 9,
        column: 5,
        hint: 'add privateNetworking: true to nodegroup "ng"; it is never defaulted',
      },
    ]);
    const anonymous = lines(HEADER, 'managedNodeGroups:', '  - instanceType: m5.large');
    expect(problemsOf(anonymous)).toEqual([
      {
        rule: 'V8',
        path: 'managedNodeGroups[0].privateNetworking',
        line: 9,
        column: 5,
        hint: 'add privateNetworking: true to nodegroup; it is never defaulted',
      },
      { rule: 'V12', path: 'managedNodeGroups[0].name', line: 9, column: 5, hint: 'name the nodegroup: name: ng-1' },
    ]);
  });

  it('an empty name is reported at its value, a missing one at the nodegroup', () => {
    const empty = lines(HEADER, 'managedNodeGroups:', '  - name: ""', '    privateNetworking: true');
    expect(problemsOf(empty)).toEqual([
      { rule: 'V12', path: 'managedNodeGroups[0].name', line: 9, column: 11, hint: 'name the nodegroup: name: ng-1' },
    ]);
  });

  it('ssh.allow without publicKeyName is reported at ssh', () => {
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: ng',
      '    privateNetworking: true',
      '    ssh:',
      '      allow: true',
    );
    expect(problemsOf(text)).toEqual([
      {
        rule: 'REQUIRED',
        path: 'managedNodeGroups[0].ssh.publicKeyName',
        line: 11,
        column: 5,
        hint: 'name an EC2 key pair of the region: publicKeyName: my-key',
      },
    ]);
  });
});
