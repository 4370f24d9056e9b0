import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/config/suggest.js';
import { HEADER, lines, load, locate, withRule } from './support.js';

describe('unknown fields (a typo) and eksctl fields private-eks does not implement (V19)', () => {
  it('suggests the closest field for a misspelling, at the key', () => {
    const text = lines(HEADER, 'nodeGroups:', '  - name: ng1', '    privateNetworkng: true');
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem).toMatchObject({ path: 'nodeGroups[0].privateNetworkng', ...locate(text, 'privateNetworkng') });
    expect(problem!.message).toBe(
      'unknown field "privateNetworkng" in nodeGroups[0]; did you mean "privateNetworking"?',
    );
    expect(problem!.hint).toBe('write privateNetworking');
  });

  it('finds near misses that differ only in case', () => {
    const text = lines(HEADER, 'managedNodegroups: []');
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem).toMatchObject({ path: 'managedNodegroups', ...locate(text, 'managedNodegroups') });
    expect(problem!.message).toContain('did you mean "managedNodeGroups"?');
  });

  it('suggests among the siblings of the field only', () => {
    const text = lines(HEADER, 'vpc:', '  subnet: {}');
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem!.message).toBe('unknown field "subnet" in vpc; did you mean "subnets"?');
  });

  it('lists the fields of the place when nothing is close', () => {
    const [problem] = withRule(load(lines(HEADER, 'privateCluster2: {}')), 'UNKNOWN_FIELD');
    expect(problem!.message).toBe('unknown field "privateCluster2"; did you mean "privateCluster"?');
    const [far] = withRule(load(lines(HEADER, 'zzzzzzzz: 1')), 'UNKNOWN_FIELD');
    expect(far!.message).toBe('unknown field "zzzzzzzz"');
    expect(far!.hint).toMatch(/^fields here: apiVersion, kind, metadata/);
  });

  it('says when the closest name is an eksctl field private-eks does not implement', () => {
    const [problem] = withRule(load(lines(HEADER, 'gitop: {}')), 'UNKNOWN_FIELD');
    expect(problem!.message).toContain('did you mean "gitops"?');
    expect(problem!.hint).toContain('does not implement');
  });

  it('reports eksctl fields private-eks does not implement as V19, at every depth, with a hint', () => {
    const text = lines(
      HEADER,
      '  # comment',
      'metadata2: {}',
      'karpenter: {}',
      'nodeGroups:',
      '  - name: ng1',
      '    privateNetworking: true',
      '    ssh:',
      '      allow: true',
      '      publicKeyPath: ~/.ssh/id_rsa.pub',
    );
    const result = load(text);
    const v19 = withRule(result, 'V19');
    expect(v19.map((p) => [p.path, p.line, p.column])).toEqual([
      ['karpenter', locate(text, 'karpenter').line, 1],
      ['nodeGroups[0].ssh.publicKeyPath', locate(text, 'publicKeyPath').line, locate(text, 'publicKeyPath').column],
    ]);
    expect(v19[0]!.message).toBe('karpenter is not supported by private-eks');
    // Why (eksctl installs it from a public registry) and what instead (a mirrored chart and images).
    expect(v19[0]!.hint).toContain('public.ecr.aws');
    expect(v19[0]!.hint).toContain('mirror the Karpenter chart and images into a private ECR repository');
    expect(v19[1]!.hint).toContain('ssh.publicKeyName');
    expect(withRule(result, 'UNKNOWN_FIELD').map((p) => p.path)).toEqual(['metadata2']);
  });

  it('reads a null written out as the field left unset, as eksctl does; a key with nothing after it stays a problem', () => {
    const nulls = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    releaseVersion: ""',
      '    iam:',
      '      withAddonPolicies: {appMesh: null, appMeshPreview: ~, imageBuilder: true}',
      'fargateProfiles:',
      '  - {name: f1, selectors: [{namespace: n}], status: ""}',
      'autoModeConfig: {enabled: false, nodeRoleARN: "arn:::::", permissionsBoundaryARN: "arn:::::"}',
      'gitops: null',
    );
    const result = load(nulls);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.config?.managedNodeGroups[0]?.iam.withAddonPolicies).toEqual(['imageBuilder']);
    // A Pod Identity association with roleARN "" gets a role made for it, as in eksctl.
    const pia = load(
      lines(
        HEADER,
        'addons: [{name: eks-pod-identity-agent}]',
        'iam:',
        '  podIdentityAssociations:',
        '    - {namespace: apps, serviceAccountName: reader, roleARN: "", permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]}',
      ),
    );
    expect(pia.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(pia.config?.iam.podIdentityAssociations[0]).not.toHaveProperty('roleARN');
    // Not a null written out: the key alone, or a typo whatever its value.
    const empty = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    iam:',
      '      withAddonPolicies: {appMesh: }',
    );
    expect(withRule(load(empty), 'TYPE').map((p) => p.path)).toEqual([
      'managedNodeGroups[0].iam.withAddonPolicies.appMesh',
    ]);
    expect(withRule(load(lines(HEADER, 'gitopz: null')), 'UNKNOWN_FIELD').map((p) => p.path)).toEqual(['gitopz']);
    // Any other value of a field private-eks does not build is still refused.
    expect(
      withRule(
        load(lines(HEADER, 'fargateProfiles:', '  - {name: f1, selectors: [{namespace: n}], status: ACTIVE}')),
        'V19',
      ).map((p) => p.path),
    ).toEqual(['fargateProfiles[0].status']);
  });

  it('reads an instance selector with the types eksctl --dry-run resolved it to; a selector alone is read for the plan', () => {
    const ng = (...extra: string[]) =>
      lines(
        HEADER,
        'managedNodeGroups:',
        '  - name: m1',
        '    privateNetworking: true',
        '    instanceSelector: {vCPUs: 4, memory: 16GiB}',
        ...extra.map((l) => '    ' + l),
      );
    const resolved = load(ng('instanceTypes: [m5.xlarge, m6i.xlarge]'));
    expect(resolved.problems.map((p) => [p.severity, p.rule, p.path])).toEqual([
      ['warning', 'V19', 'managedNodeGroups[0].instanceSelector'],
    ]);
    expect(resolved.config?.managedNodeGroups[0]?.instanceTypes).toEqual(['m5.xlarge', 'm6i.xlarge']);
    const alone = load(ng());
    expect(alone.problems).toEqual([]);
    expect(alone.config?.managedNodeGroups[0]?.instanceTypes).toEqual([]);
    expect(alone.config?.managedNodeGroups[0]?.instanceSelector).toEqual({
      vCPUs: 4,
      memory: '16GiB',
      memoryMiB: 16384,
      cpuArchitecture: 'x86_64',
    });
  });

  it('reports an empty unsupported section too: never silently dropped', () => {
    expect(withRule(load(lines(HEADER, 'gitops:')), 'V19').map((p) => p.path)).toEqual(['gitops']);
    const text = lines(HEADER.replace('  region: us-west-2', '  region: us-west-2\n  annotations: {}'));
    expect(withRule(load(text), 'V19')).toEqual([
      expect.objectContaining({ path: 'metadata.annotations', ...locate(text, 'annotations') }),
    ]);
  });

  it('does not check keys of free-form maps (labels, tags, policy documents, subnet names)', () => {
    const text = lines(
      HEADER,
      'vpc:',
      '  subnets:',
      '    private:',
      '      anything-goes: {id: subnet-1}',
      '      another: {id: subnet-2}',
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    labels: {privateNetworkng: "x", "node.kubernetes.io/role": worker}',
      '    iam:',
      '      attachPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}',
    );
    const result = load(text);
    expect(result.problems).toEqual([]);
  });

  it('checks the keys of a subnet under a free-form subnet name', () => {
    const text = lines(HEADER, 'vpc:', '  subnets:', '    private:', '      a: {ids: subnet-1, az: us-west-2a}');
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem).toMatchObject({ path: 'vpc.subnets.private.a.ids', ...locate(text, 'ids') });
    expect(problem!.message).toContain('did you mean "id"?');
  });
});

describe("fields of eksctl's other kind of nodegroup", () => {
  it('says where spot belongs (managedNodeGroups only, as in eksctl)', () => {
    const text = lines(HEADER, 'nodeGroups:', '  - name: ng1', '    privateNetworking: true', '    spot: true');
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem).toMatchObject({ path: 'nodeGroups[0].spot', ...locate(text, 'spot') });
    expect(problem!.message).toBe('unknown field "spot" in nodeGroups[0]: it is a field of managedNodeGroups only');
    expect(problem!.hint).toBe('move the nodegroup to managedNodeGroups to use spot, or remove it');
  });

  it('does not send the user to a field private-eks does not implement on the other kind either', () => {
    const text = lines(
      HEADER,
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    containerRuntime: dockerd',
    );
    const [problem] = withRule(load(text), 'UNKNOWN_FIELD');
    expect(problem!.hint).toBe(
      'remove it: private-eks does not implement containerRuntime on either kind of nodegroup',
    );
  });
});

describe('did-you-mean', () => {
  it('measures insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('subnets', 'subnet')).toBe(1);
    expect(editDistance('vpc', 'cpv')).toBe(2);
    expect(editDistance('ami', 'aim')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('prefers implemented fields on ties and refuses far guesses', () => {
    expect(didYouMean('tag', ['tags', 'taga'], (c) => c === 'taga')).toBe('taga');
    expect(didYouMean('vpc', ['iam', 'kind'])).toBeUndefined();
    expect(didYouMean('NODEGROUPS', ['nodeGroups', 'managedNodeGroups'])).toBe('nodeGroups');
  });
});

describe("eksctl's dry-run values for options left unset (inert-fields.ts)", () => {
  const nodegroup = (...fields: string[]) =>
    lines(HEADER, 'nodeGroups:', '  - name: ng1', '    privateNetworking: true', ...fields.map((f) => `    ${f}`));
  const errors = (text: string) => load(text).problems.filter((p) => p.severity === 'error');

  it('reads them as unset: an empty instanceSelector, an empty publicKeyPath, withShared null, containerd', () => {
    const text = nodegroup(
      'instanceSelector: {}',
      'containerRuntime: containerd',
      'ssh:',
      '  publicKeyPath: ""',
      'securityGroups:',
      '  withShared: null',
      '  withLocal: null',
    );
    expect(load(text).problems).toEqual([]);
    expect(load(text).config?.nodeGroups[0]?.securityGroups.withShared).toBe(true);
  });

  it('reads efaEnabled: false as unset; true is refused with why', () => {
    expect(load(nodegroup('efaEnabled: false')).problems).toEqual([]);
    const [refused] = withRule(load(nodegroup('efaEnabled: true')), 'V19');
    expect(refused!.hint).toMatch(/EFA/);
  });

  it('warns that withLocal: true is ignored, at the key', () => {
    const text = nodegroup('securityGroups:', '  withLocal: true');
    const [warning] = withRule(load(text), 'V19');
    expect(warning).toMatchObject({ severity: 'warning', ...locate(text, 'withLocal') });
    expect(warning!.message).toMatch(/^nodeGroups\[0\]\.securityGroups\.withLocal is ignored: /);
  });

  it('still refuses any value that asks for something', () => {
    const refused = [
      ['containerRuntime: dockerd'],
      ['ssh:', '  publicKeyPath: ~/.ssh/id_rsa.pub'],
      ['securityGroups:', '  withLocal: maybe'],
    ];
    for (const fields of refused) {
      expect(
        errors(nodegroup(...fields)).map((p) => p.rule),
        fields.join(' '),
      ).toContain('V19');
    }
  });
});
