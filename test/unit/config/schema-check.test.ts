import { describe, expect, it } from 'vitest';
import { HEADER, lines, load, locate, withRule } from './support.js';

describe('the type check (TYPE, REQUIRED)', () => {
  it.each([
    {
      name: 'a quoted number where a number goes',
      yaml: ['nodeGroups:', '  - name: ng1', '    privateNetworking: true', '    desiredCapacity: "3"'],
      path: 'nodeGroups[0].desiredCapacity',
      at: '"3"',
      message: 'expected a whole number, got the string "3"',
      hint: 'write 3 without quotes',
    },
    {
      name: "YAML 1.1's yes where a boolean goes",
      yaml: ['nodeGroups:', '  - name: ng1', '    privateNetworking: yes'],
      path: 'nodeGroups[0].privateNetworking',
      at: 'yes',
      message: 'expected true or false, got the string "yes"',
      hint: 'write true without quotes (YAML 1.2 reads "yes" as a string)',
    },
    {
      name: 'an unquoted version, which YAML reads as a number',
      yaml: [],
      replace: ['  region: us-west-2', '  region: us-west-2\n  version: 1.30'],
      path: 'metadata.version',
      at: '1.30',
      message: 'expected a string, got the number 1.3',
      hint: 'quote it: "1.30" (unquoted, YAML reads 1.30 as the number 1.3)',
    },
    {
      name: 'a string where a list goes',
      yaml: ['availabilityZones: us-west-2a'],
      path: 'availabilityZones',
      at: 'us-west-2a',
      message: 'expected a list, got the string "us-west-2a"',
      hint: 'write a list: ["us-west-2a"]',
    },
    {
      name: 'a value outside an enum, with the closest one',
      yaml: ['managedNodeGroups:', '  - name: m1', '    privateNetworking: true', '    volumeType: GP3'],
      path: 'managedNodeGroups[0].volumeType',
      at: 'GP3',
      message: 'expected one of gp2, gp3, io1, io2, sc1, st1; got the string "GP3"',
      hint: 'write gp3',
    },
    {
      name: 'a number below the minimum',
      yaml: ['managedNodeGroups:', '  - name: m1', '    privateNetworking: true', '    volumeSize: 0'],
      path: 'managedNodeGroups[0].volumeSize',
      at: '0',
      message: 'must be at least 1, got the number 0',
    },
    {
      name: 'a bad taint inside the list form',
      yaml: [
        'nodeGroups:',
        '  - name: ng1',
        '    privateNetworking: true',
        '    taints:',
        '      - {key: a, effect: NoSchedul}',
      ],
      path: 'nodeGroups[0].taints[0].effect',
      at: 'NoSchedul',
      message:
        'invalid taint effect: NoSchedul, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule',
      hint: 'write NoSchedule',
    },
    {
      name: 'a bad taint in the map form',
      yaml: ['nodeGroups:', '  - name: ng1', '    privateNetworking: true', '    taints: {dedicated: "gpu"}'],
      path: 'nodeGroups[0].taints.dedicated',
      at: '"gpu"',
      message:
        'invalid taint effect: gpu, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule (nodeGroups[0].taints: "dedicated": "gpu")',
      hint: 'write dedicated: "value:NoSchedule", "value:NoExecute" or "value:PreferNoSchedule" (the value may be empty: ":NoSchedule")',
    },
    {
      name: 'a taint in the map form with two colons: eksctl reads no effect, the message says why',
      yaml: ['nodeGroups:', '  - name: ng1', '    privateNetworking: true', '    taints: {role: "a b:c:NoExecute"}'],
      path: 'nodeGroups[0].taints.role',
      at: '"a b:c:NoExecute"',
      message:
        'invalid taint effect: , unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule (nodeGroups[0].taints: "role": "a b:c:NoExecute"); "a b:c:NoExecute" has 2 colons, and a taint reads "value:Effect" with one',
      hint: 'write role: "value:NoExecute" with a value of letters, digits, - _ . and no colon (or ":NoExecute" for none)',
    },
    {
      name: 'a list of taints with an entry that is not a mapping',
      yaml: ['nodeGroups:', '  - name: ng1', '    privateNetworking: true', '    taints: ["dedicated=gpu:NoSchedule"]'],
      path: 'nodeGroups[0].taints[0]',
      at: '"dedicated=gpu:NoSchedule"',
      message: 'expected a mapping, got the string "dedicated=gpu:NoSchedule"',
      hint: 'write each taint as a mapping: - {key: dedicated, value: gpu, effect: NoSchedule}',
    },
    {
      name: 'the wrong apiVersion',
      yaml: [],
      replace: ['eksctl.io/v1alpha5', 'eksctl.io/v1alpha4'],
      path: 'apiVersion',
      at: 'eksctl.io/v1alpha4',
      message:
        'no kind "ClusterConfig" is registered for version "eksctl.io/v1alpha4" (expected "eksctl.io/v1alpha5", got the string "eksctl.io/v1alpha4")',
      hint: 'write apiVersion: eksctl.io/v1alpha5',
    },
  ])('TYPE: $name', ({ yaml, replace, path, at, message, hint }) => {
    const header = replace === undefined ? HEADER : HEADER.replace(replace[0]!, replace[1]!);
    const text = lines(header, ...yaml);
    const result = load(text);
    expect(result.config).toBeUndefined();
    const problems = withRule(result, 'TYPE');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, message, ...locate(text, at) });
    if (hint !== undefined) expect(problems[0]!.hint).toBe(hint);
    // The ill-typed value is dropped, so no rule reports on it a second time.
    expect(result.problems.filter((p) => p.path === path)).toHaveLength(1);
  });

  it('TYPE: a key with nothing after it points at the key, and rules stay silent about what it holds', () => {
    const text = lines(HEADER.replace('privateCluster:\n  enabled: true', 'privateCluster:'), 'vpc:', '  cidr:');
    const result = load(text);
    expect(result.problems.map((p) => [p.rule, p.path, p.line, p.column, p.hint])).toEqual([
      ['TYPE', 'privateCluster', locate(text, 'privateCluster').line, 1, 'give a value, or remove the key'],
      ['TYPE', 'vpc.cidr', locate(text, 'cidr').line, locate(text, 'cidr').column, 'give a value, or remove the key'],
    ]);
  });

  it('TYPE: the map form of taints on a managed nodegroup says it is for nodeGroups only', () => {
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    taints: {a: "b:NoSchedule"}',
    );
    const [problem] = withRule(load(text), 'TYPE');
    expect(problem).toMatchObject({ path: 'managedNodeGroups[0].taints', message: 'expected a list, got a mapping' });
    expect(problem!.hint).toContain('for nodeGroups only');
  });

  it('REQUIRED: a missing required field, at its parent', () => {
    const text = lines(HEADER, 'fargateProfiles:', '  - selectors: [{namespace: default}]');
    const problems = withRule(load(text), 'REQUIRED');
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'fargateProfiles[0].name',
        message: 'fargateProfiles[0].name must be set',
        ...locate(text, 'selectors'),
      }),
    ]);
  });

  it('REQUIRED: apiVersion and kind, at the top of the file', () => {
    const text = lines('metadata: {name: c1, region: us-west-2}', 'privateCluster: {enabled: true}');
    const problems = withRule(load(text), 'REQUIRED');
    expect(problems.map((p) => [p.path, p.line, p.column, p.hint])).toEqual([
      ['apiVersion', 1, 1, 'write apiVersion: eksctl.io/v1alpha5'],
      ['kind', 1, 1, 'write kind: ClusterConfig'],
    ]);
  });

  it('keeps checking the rest of a file with type errors', () => {
    const text = lines(HEADER, 'nodeGroups:', '  - name: ng1', '    desiredCapacity: many', 'gitops: {}');
    const rules = load(text).problems.map((p) => p.rule);
    expect(rules).toEqual(['V8', 'TYPE', 'V19']);
  });

  it('drops a list whose item has the wrong type, so indexes never shift', () => {
    const text = lines(HEADER, '  additionalEndpointServices: [autoscaling, 3, autoscaling]');
    const result = load(text);
    expect(result.problems.map((p) => [p.rule, p.path])).toEqual([
      ['TYPE', 'privateCluster.additionalEndpointServices[1]'],
    ]);
  });
});

describe('VALUE: what no numbered rule covers', () => {
  it('reports sizes of self-managed nodegroups out of order, naming the fields the file wrote', () => {
    const text = lines(
      HEADER,
      'nodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    minSize: 4',
      '    maxSize: 3',
      '  - name: m2',
      '    privateNetworking: true',
      '    desiredCapacity: 9',
      '    maxSize: 5',
    );
    const problems = withRule(load(text), 'VALUE');
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ['nodeGroups[0].minSize', locate(text, 'minSize: 4').line, locate(text, '4').column],
      ['nodeGroups[1].desiredCapacity', locate(text, 'desiredCapacity').line, locate(text, '9').column],
    ]);
    expect(problems[0]!.message).toBe('nodeGroups[0].minSize (4) is greater than maxSize (3)');
    // minSize defaults to desiredCapacity (9) here, but the file wrote desiredCapacity and maxSize.
    expect(problems[1]!.message).toBe('nodeGroups[1].desiredCapacity (9) is greater than maxSize (5)');
  });

  it('accepts sizes that follow the defaults (min and max from desired, desired from min)', () => {
    const text = lines(HEADER, 'managedNodeGroups:', '  - name: m1', '    privateNetworking: true', '    minSize: 3');
    const result = load(text);
    expect(result.problems).toEqual([]);
    expect(result.config!.managedNodeGroups[0]).toMatchObject({ minSize: 3, desiredCapacity: 3, maxSize: 3 });
  });

  it("reports a Kubernetes version EKS does not offer, with eksctl's message", () => {
    const text = lines(HEADER.replace('  region: us-west-2', '  region: us-west-2\n  version: "1.18"'));
    const [problem] = withRule(load(text), 'VALUE');
    expect(problem).toMatchObject({ path: 'metadata.version', ...locate(text, '"1.18"') });
    expect(problem!.message).toMatch(/^invalid version, supported values: 1\.\d+, .*1\.34$/);
  });

  it("needs iam.withOIDC for service accounts (eksctl's message)", () => {
    const text = lines(
      HEADER,
      'iam:',
      '  serviceAccounts:',
      '    - metadata: {name: sa}',
      '      attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
    );
    const [problem] = withRule(load(text), 'VALUE');
    expect(problem).toMatchObject({ path: 'iam.serviceAccounts', ...locate(text, 'serviceAccounts') });
    expect(problem!.message).toBe('iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created');
  });

  it('warns that disableIMDSv1: false is ignored, and keeps IMDSv2', () => {
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    disableIMDSv1: false',
    );
    const result = load(text);
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'VALUE', severity: 'warning', path: 'managedNodeGroups[0].disableIMDSv1' }),
    ]);
    expect(result.config!.managedNodeGroups[0]!.disableIMDSv1).toBe(true);
  });

  it('needs a key pair name for SSH', () => {
    const text = lines(
      HEADER,
      'nodeGroups:',
      '  - name: ng1',
      '    privateNetworking: true',
      '    ssh:',
      '      allow: true',
    );
    expect(withRule(load(text), 'REQUIRED')).toEqual([
      expect.objectContaining({ path: 'nodeGroups[0].ssh.publicKeyName', ...locate(text, 'ssh') }),
    ]);
  });

  it("refuses a log retention without log types (eksctl's message)", () => {
    const text = lines(HEADER, 'cloudWatch:', '  clusterLogging:', '    logRetentionInDays: 7');
    expect(withRule(load(text), 'VALUE')).toEqual([
      expect.objectContaining({
        path: 'cloudWatch.clusterLogging.logRetentionInDays',
        message: 'cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types',
      }),
    ]);
  });
});
