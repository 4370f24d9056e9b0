/**
 * The Day 2 scenario's two files (issue 11): examples/minimal.yaml as `cluster` at Kubernetes 1.33,
 * and the same file edited — an endpoint service added, control-plane logging on, nodegroup m1
 * 2 → 5, a new nodegroup m2, version 1.34 — written into `dir`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { repoRoot } from './python-tools.js';

export function writeDay2Files(dir: string, cluster: string): { original: string; edited: string } {
  const doc = parseDocument(readFileSync(path.join(repoRoot, 'examples/minimal.yaml'), 'utf8'));
  doc.setIn(['metadata', 'name'], cluster);
  doc.setIn(['metadata', 'version'], '1.33');
  const original = path.join(dir, 'cluster.yaml');
  writeFileSync(original, doc.toString());
  doc.setIn(['metadata', 'version'], '1.34');
  doc.setIn(['privateCluster', 'additionalEndpointServices'], doc.createNode(['autoscaling']));
  doc.setIn(['cloudWatch', 'clusterLogging', 'enableTypes'], doc.createNode(['api', 'audit']));
  doc.setIn(['managedNodeGroups', 0, 'desiredCapacity'], 5);
  (doc.get('managedNodeGroups') as { add(v: unknown): void }).add(
    doc.createNode({ name: 'm2', instanceType: 'm5.large', desiredCapacity: 1, privateNetworking: true }),
  );
  const edited = path.join(dir, 'cluster-edited.yaml');
  writeFileSync(edited, doc.toString());
  return { original, edited };
}
