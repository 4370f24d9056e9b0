import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { kubeconfigPath, removeKubeconfigEntries, writeKubeconfigEntry } from '../../../src/kubeconfig/file.js';

const ARN = 'arn:aws:eks:us-west-2:123456789012:cluster/private-cluster';
const input = {
  clusterName: 'private-cluster',
  region: 'us-west-2',
  endpoint: 'https://ABCDEF.gr7.us-west-2.eks.amazonaws.com',
  certificateAuthorityData: 'LS0tLS1CRUdJTi0tLS0t',
  arn: ARN,
};

// A kubeconfig as kubectl writes it, with someone else's cluster in it.
const OTHER = `apiVersion: v1
kind: Config
clusters:
- name: kind-dev
  cluster:
    server: https://127.0.0.1:6443
contexts:
- name: kind-dev
  context:
    cluster: kind-dev
    user: kind-dev
users:
- name: kind-dev
  user:
    token: secret-of-someone-else
current-context: kind-dev
preferences: {}
`;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pe-kubeconfig-'));
}

describe('kubeconfig', () => {
  it('writes a new file with mode 0600 and an exec user running aws eks get-token', async () => {
    const file = path.join(tempDir(), 'nested', 'config');
    await writeKubeconfigEntry(file, { ...input, profile: 'prod' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc['current-context']).toBe(ARN);
    expect(doc.clusters).toEqual([
      { name: ARN, cluster: { server: input.endpoint, 'certificate-authority-data': input.certificateAuthorityData } },
    ]);
    expect(doc.users[0].user.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: [
        'eks',
        'get-token',
        '--cluster-name',
        'private-cluster',
        '--region',
        'us-west-2',
        '--profile',
        'prod',
        '--output',
        'json',
      ],
      interactiveMode: 'IfAvailable',
    });
    expect(doc.contexts).toEqual([{ name: ARN, context: { cluster: ARN, user: ARN } }]);
  });

  it('merges into an existing file, keeping every other entry, and replaces its own on a re-run', async () => {
    const file = path.join(tempDir(), 'config');
    writeFileSync(file, OTHER, { mode: 0o644 });
    await writeKubeconfigEntry(file, input);
    await writeKubeconfigEntry(file, { ...input, endpoint: 'https://NEW.eks.amazonaws.com' });
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc.clusters.map((c: { name: string }) => c.name)).toEqual(['kind-dev', ARN]);
    expect(doc.users.map((c: { name: string }) => c.name)).toEqual(['kind-dev', ARN]);
    expect(doc.users[0].user.token).toBe('secret-of-someone-else');
    expect(doc.clusters[1].cluster.server).toBe('https://NEW.eks.amazonaws.com');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('removes only its own entries, and current-context only when it was its own', async () => {
    const file = path.join(tempDir(), 'config');
    writeFileSync(file, OTHER);
    await writeKubeconfigEntry(file, input);
    expect(await removeKubeconfigEntries(file, 'private-cluster', 'us-west-2')).toBe(true);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc.clusters.map((c: { name: string }) => c.name)).toEqual(['kind-dev']);
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual(['kind-dev']);
    expect(doc['current-context']).toBe('');
    // Twice is fine and changes nothing.
    expect(await removeKubeconfigEntries(file, 'private-cluster', 'us-west-2')).toBe(false);

    writeFileSync(file, OTHER);
    await writeKubeconfigEntry(file, input);
    const withOtherCurrent = readFileSync(file, 'utf8').replace(`current-context: ${ARN}`, 'current-context: kind-dev');
    writeFileSync(file, withOtherCurrent);
    await removeKubeconfigEntries(file, 'private-cluster', 'us-west-2');
    expect(parse(readFileSync(file, 'utf8'))['current-context']).toBe('kind-dev');
  });

  it("recognises its entries by the get-token user, also as `aws eks update-kubeconfig` writes them, and spares other clusters'", async () => {
    const file = path.join(tempDir(), 'config');
    // The AWS CLI's layout (aws eks update-kubeconfig): --region first, names are the ARN.
    const awsCli = (cluster: string) => ({
      name: `arn:aws:eks:us-west-2:123456789012:cluster/${cluster}`,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['--region', 'us-west-2', 'eks', 'get-token', '--cluster-name', cluster, '--output', 'json'],
        },
      },
    });
    const arn = (c: string) => `arn:aws:eks:us-west-2:123456789012:cluster/${c}`;
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: ['private-cluster', 'other'].map((c) => ({ name: arn(c), cluster: { server: `https://${c}` } })),
        users: [awsCli('private-cluster'), awsCli('other')],
        contexts: ['private-cluster', 'other'].map((c) => ({
          name: arn(c),
          context: { cluster: arn(c), user: arn(c) },
        })),
        'current-context': arn('other'),
      }),
    );
    expect(await removeKubeconfigEntries(file, 'private-cluster', 'us-west-2')).toBe(true);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc.clusters.map((c: { name: string }) => c.name)).toEqual([arn('other')]);
    expect(doc.users.map((c: { name: string }) => c.name)).toEqual([arn('other')]);
    expect(doc['current-context']).toBe(arn('other'));
    // Same name in another region is another cluster.
    expect(await removeKubeconfigEntries(file, 'other', 'eu-west-1')).toBe(false);
  });

  it('never overwrites a file it cannot parse', async () => {
    const file = path.join(tempDir(), 'config');
    writeFileSync(file, 'clusters: [unclosed\n');
    await expect(writeKubeconfigEntry(file, input)).rejects.toThrow(/not valid YAML; private-eks leaves it as it is/);
    expect(readFileSync(file, 'utf8')).toBe('clusters: [unclosed\n');
  });

  it("uses $KUBECONFIG's first path, else ~/.kube/config", () => {
    expect(kubeconfigPath({ KUBECONFIG: `/a/one${path.delimiter}/b/two` }, '/home/u')).toBe('/a/one');
    expect(kubeconfigPath({ KUBECONFIG: '' }, '/home/u')).toBe('/home/u/.kube/config');
    expect(kubeconfigPath({}, '/home/u')).toBe('/home/u/.kube/config');
  });
});
