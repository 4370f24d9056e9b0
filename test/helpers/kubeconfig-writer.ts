/**
 * One writer process for the concurrent-writers test (test/unit/kubeconfig/file.test.ts):
 *   tsx test/helpers/kubeconfig-writer.ts FILE CLUSTER
 * waits for the start file FILE.go (so every writer starts together), then adds CLUSTER's entry.
 */
import { existsSync } from 'node:fs';
import { writeKubeconfigEntry } from '../../src/kubeconfig/file.js';

const [file, cluster] = process.argv.slice(2);
if (file === undefined || cluster === undefined) throw new Error('usage: kubeconfig-writer.ts FILE CLUSTER');
while (!existsSync(`${file}.go`)) await new Promise((resolve) => setTimeout(resolve, 2));
await writeKubeconfigEntry(file, {
  clusterName: cluster,
  region: 'us-west-2',
  endpoint: `https://${cluster}.gr7.us-west-2.eks.amazonaws.com`,
  certificateAuthorityData: 'Q0E=',
});
