/**
 * `get cluster [--name N] [--region R] [-o table|json|yaml]` (SPEC §1): the clusters private-eks
 * made in the region, their endpoint access and VPC endpoints. The result goes to stdout.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { formatData } from '../render/output.js';
import { withAwsClients } from '../shared/aws.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { commandGroup } from '../shared/groups.js';
import { outputOption } from '../shared/options.js';

interface GetClusterOptions {
  name?: string;
  verify?: boolean;
  output: 'table' | 'json' | 'yaml';
}

export function registerGet(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  const get = commandGroup(program, 'get');
  get
    .command('cluster')
    .alias('clusters')
    .description('list the clusters in the region (or one, with --name): status, endpoint access, VPC endpoints')
    .option('-n, --name <name>', 'only this cluster (and show its VPC endpoints)')
    .option(
      '--verify',
      "check each cluster through the AWS APIs: endpoints available with private DNS in the nodes' zones, S3 routes, the endpoints' security group, endpoint access, nodegroups (exit 1 on a failure)",
    )
    .addOption(outputOption(['table', 'json', 'yaml']))
    .action(async (options: GetClusterOptions) => setExitCode(await runGetCluster(options, context)));
}

async function runGetCluster(options: GetClusterOptions, context: CommandContext): Promise<number> {
  // No file: the region is --region, else AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
  return withAwsClients(undefined, context, async (clients) => {
    const { getClusters } = await import('../../deploy/get-clusters.js');
    const clusters = await getClusters(clients, {
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.verify === true ? { verify: true } : {}),
      signal: context.signal,
    });
    if (options.output === 'table') {
      const { clustersTable } = await import('../render/clusters-table.js');
      context.io.stdout.write(clustersTable(clusters));
    } else {
      context.io.stdout.write(await formatData(clusters, options.output));
    }
    const failed = clusters.some((c) => c.verification !== undefined && !c.verification.ok);
    return failed ? ExitCode.failed : ExitCode.ok;
  });
}
