import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../../src/config/defaults.js';
import type { ClusterConfigFile } from '../../../src/config/schema.js';
import { DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../../../src/config/versions.js';
import { repoRoot } from '../../helpers/python-tools.js';
import { seedExistingVpcConfig, seedMinimalConfig } from '../../helpers/resolved-config.js';
import { HEADER, lines, load } from './support.js';

const NODEGROUP = ['managedNodeGroups:', '  - name: m1', '    privateNetworking: true'];

/** What the config layer adds to a file with nodes and no `addons` (eksctl's default add-ons). */
const EKSCTL_DEFAULT_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns', 'metrics-server'].map((name) => ({
  name,
  attachPolicyARNs: [],
  resolveConflicts: 'OVERWRITE' as const,
  tags: {},
  implicit: true as const,
}));

const example = (name: string) => {
  const file = `examples/${name}`;
  return load(readFileSync(path.join(repoRoot, file)));
};

describe('SPEC §4 defaults', () => {
  it('resolves the seed minimal example to what the planning tests assume', () => {
    const result = example('minimal.yaml');
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({ ...seedMinimalConfig({ addons: EKSCTL_DEFAULT_ADDONS }), file: 'test.yaml' });
  });

  it("resolves the seed's user-supplied VPC example, reading zone-named subnet keys as zones", () => {
    const result = example('existing-vpc.yaml');
    expect(result.problems).toEqual([]);
    expect(result.config).toEqual({ ...seedExistingVpcConfig({ addons: EKSCTL_DEFAULT_ADDONS }), file: 'test.yaml' });
  });

  it("adds eksctl's default add-ons the file does not list, unless disableDefaultAddons", () => {
    const names = (...extra: string[]) =>
      load(lines(HEADER, ...extra, ...NODEGROUP)).config!.addons.map(
        (a) => `${a.name}${a.implicit === true ? '*' : ''}`,
      );
    expect(names()).toEqual(['vpc-cni*', 'kube-proxy*', 'coredns*', 'metrics-server*']);
    expect(names('addons:', '  - name: CoreDNS', '    version: v1.11.4-eksbuild.2')).toEqual([
      'CoreDNS',
      'vpc-cni*',
      'kube-proxy*',
      'metrics-server*',
    ]);
    expect(names('addonsConfig:', '  disableDefaultAddons: true')).toEqual([]);
    // eksctl offers no metrics-server add-on in China, GovCloud and the ISO regions.
    const china = load(lines(HEADER.replace('us-west-2', 'cn-north-1'), ...NODEGROUP)).config!;
    expect(china.addons.map((a) => a.name)).toEqual(['vpc-cni', 'kube-proxy', 'coredns']);
  });

  it('fills every nodegroup default: m5.large, 2 nodes, 80 GiB encrypted gp3, AL2023, IMDSv2', () => {
    const config = load(lines(HEADER, 'managedNodeGroups:', '  - name: m1', '    privateNetworking: true')).config!;
    expect(config.managedNodeGroups[0]).toMatchObject({
      kind: 'managed',
      instanceTypes: ['m5.large'],
      desiredCapacity: 2,
      minSize: 2,
      maxSize: 2,
      volumeSize: 80,
      volumeType: 'gp3',
      volumeEncrypted: true,
      amiFamily: 'AmazonLinux2023',
      disableIMDSv1: true,
      privateNetworking: true,
    });
    expect(config.vpc.cidr).toBe('192.168.0.0/16');
    expect(config.accessConfig.authenticationMode).toBe('API_AND_CONFIG_MAP');
    expect(config.metadata.version).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(DEFAULT_KUBERNETES_VERSION).toBe(SUPPORTED_KUBERNETES_VERSIONS.at(-1));
  });

  it('expands "*" and "all" log types once each, in order', () => {
    const text = lines(HEADER, 'cloudWatch:', '  clusterLogging:', '    enableTypes: [audit, "*", all]');
    expect(load(text).config!.cloudWatch.enableTypes).toEqual([
      'audit',
      'api',
      'authenticator',
      'controllerManager',
      'scheduler',
    ]);
  });

  it("reads eksctl's map form of taints, upper-cases resolveConflicts and fills namespaces", () => {
    const text = lines(
      HEADER,
      'nodeGroups:',
      '  - name: ng1',
      '    privateNetworking: true',
      '    taints: {dedicated: "gpu:NoSchedule", spot: ":PreferNoSchedule"}',
      'addons:',
      '  - name: vpc-cni',
      '    resolveConflicts: preserve',
      'iam:',
      '  withOIDC: true',
      '  serviceAccounts:',
      '    - metadata: {name: sa}',
      '      attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
    );
    const config = load(text).config!;
    expect(config.nodeGroups[0]!.taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'spot', effect: 'PreferNoSchedule' },
    ]);
    expect(config.addons[0]!.resolveConflicts).toBe('PRESERVE');
    expect(config.iam.serviceAccounts[0]).toMatchObject({ name: 'sa', namespace: 'default', roleOnly: false });
  });

  it('does not change its input', () => {
    const input: ClusterConfigFile = {
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: 'c1', tags: { a: 'b' } },
      nodeGroups: [
        { name: 'ng1', privateNetworking: true, labels: { x: 'y' }, iam: { attachPolicy: { Version: '1' } } },
      ],
    };
    const before = structuredClone(input);
    const resolved = applyDefaults(input, { file: 'f.yaml', region: 'us-east-1' });
    expect(input).toEqual(before);
    // Nothing is shared: changing the result cannot change the input either.
    (resolved.nodeGroups[0]!.labels as Record<string, string>)['x'] = 'changed';
    (resolved.nodeGroups[0]!.iam.attachPolicy as Record<string, string>)['Version'] = 'changed';
    expect(input).toEqual(before);
    expect(resolved.metadata.region).toBe('us-east-1');
  });
});
