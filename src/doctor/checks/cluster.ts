/**
 * `cluster-verify`: when the file's cluster exists, it is read back through the AWS APIs as create
 * verifies it at its end (src/verify): endpoints, private DNS, zones, S3 routes, the endpoints'
 * security group, endpoint access, nodegroups. Each failure with its fix.
 */
import { verifyCluster } from '../../verify/cluster.js';
import { fail, failFrom, ok, skip } from '../outcome.js';
import type { DoctorCheck } from '../types.js';

export const clusterVerifyCheck: DoctorCheck = {
  id: 'cluster-verify',
  title: 'the cluster, read back through the AWS APIs',
  needsAws: true,
  needsConfig: true,
  async run(context) {
    const { config } = context;
    if (config === null) return skip('no valid config');
    let cluster;
    try {
      cluster = await context.cluster();
    } catch (error) {
      return failFrom(error, 'eks:DescribeCluster');
    }
    if (!cluster.exists) return skip(`cluster "${config.metadata.name}" not created yet`);
    let report;
    try {
      report = await verifyCluster(context.clients, { cluster: config.metadata.name }, context.signal);
    } catch (error) {
      return failFrom(error, 'eks:DescribeCluster');
    }
    const failed = report.findings.filter((f) => f.status === 'fail');
    if (failed.length === 0) return ok(`${report.findings.length} checks passed`);
    return fail(
      failed.map((f) => `${f.resource}: ${f.message}`).join('\n'),
      failed.flatMap((f) => (f.fix === undefined ? [] : [f.fix])).join('\n'),
    );
  },
};
