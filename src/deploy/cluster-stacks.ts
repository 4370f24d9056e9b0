/**
 * Finding a cluster's stacks (for delete, create nodegroup and get): every live stack of the
 * region, read with DescribeStacks pages (which carry the tags; ListStacks does not), kept when
 * its `alpha.eksctl.io/cluster-name` tag names the cluster, and sorted by kind from the eksctl
 * stack names (SPEC §6).
 */
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { callAws } from './aws-call.js';
import { CLUSTER_NAME_TAG, stackInfoFrom, VERSION_TAG, type StackInfo } from './stacks.js';

export interface ClusterStacks {
  readonly cluster: string;
  readonly clusterStack: StackInfo | undefined;
  readonly nodeGroups: readonly { readonly name: string; readonly stack: StackInfo }[];
  readonly fargate: StackInfo | undefined;
  /**
   * The add-ons' own stack (`eksctl-<cluster>-addons`) and the IRSA role stacks
   * (`eksctl-<cluster>-addon-iamserviceaccount-…`).
   */
  readonly addons: readonly StackInfo[];
  /** Tagged for the cluster but with a name private-eks does not make. */
  readonly other: readonly StackInfo[];
}

/** Every live stack in the region (DescribeStacks pages of up to 100; the emulator uses 50). */
export async function describeAllStacks(cfn: CloudFormationClient, signal?: AbortSignal): Promise<StackInfo[]> {
  const stacks: StackInfo[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws('cloudformation:DescribeStacks', signal, (options) =>
      cfn.send(new DescribeStacksCommand(token === undefined ? {} : { NextToken: token }), options),
    );
    for (const stack of page.Stacks ?? []) {
      const info = stackInfoFrom(stack);
      if (info.status !== 'DELETE_COMPLETE') stacks.push(info);
    }
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return stacks;
}

export function groupClusterStacks(cluster: string, stacks: readonly StackInfo[]): ClusterStacks {
  const prefix = `eksctl-${cluster}-`;
  const mine = stacks.filter((s) => s.tags[CLUSTER_NAME_TAG] === cluster);
  const nodeGroups: { name: string; stack: StackInfo }[] = [];
  const addons: StackInfo[] = [];
  const other: StackInfo[] = [];
  let clusterStack: StackInfo | undefined;
  let fargate: StackInfo | undefined;
  for (const stack of mine) {
    if (stack.name === `${prefix}cluster`) clusterStack = stack;
    else if (stack.name === `${prefix}fargate`) fargate = stack;
    else if (stack.name.startsWith(`${prefix}nodegroup-`))
      nodeGroups.push({ name: stack.name.slice(`${prefix}nodegroup-`.length), stack });
    // `<prefix>addons` holds the add-ons themselves (plan/stacks.ts), `<prefix>addon-…` their IRSA roles.
    else if (stack.name === `${prefix}addons` || stack.name.startsWith(`${prefix}addon-`)) addons.push(stack);
    else other.push(stack);
  }
  // DescribeStacks returns stacks in no documented order: sort so output and delete order are stable.
  nodeGroups.sort((a, b) => a.name.localeCompare(b.name));
  addons.sort((a, b) => a.name.localeCompare(b.name));
  other.sort((a, b) => a.name.localeCompare(b.name));
  return { cluster, clusterStack, nodeGroups, fargate, addons, other };
}

export async function findClusterStacks(
  cfn: CloudFormationClient,
  cluster: string,
  signal?: AbortSignal,
): Promise<ClusterStacks> {
  return groupClusterStacks(cluster, await describeAllStacks(cfn, signal));
}

/** Clusters made by private-eks: a cluster stack tagged with the cluster name and private-eks's version. */
export function privateEksClusters(stacks: readonly StackInfo[]): ClusterStacks[] {
  const names = new Set(
    stacks
      .filter((s) => s.tags[VERSION_TAG] !== undefined && s.tags[CLUSTER_NAME_TAG] !== undefined)
      .filter((s) => s.name === `eksctl-${s.tags[CLUSTER_NAME_TAG]}-cluster`)
      .map((s) => s.tags[CLUSTER_NAME_TAG] as string),
  );
  return [...names].sort().map((name) => groupClusterStacks(name, stacks));
}

export function allStacks(found: ClusterStacks): StackInfo[] {
  return [
    ...found.nodeGroups.map((n) => n.stack),
    ...(found.fargate === undefined ? [] : [found.fargate]),
    ...found.addons,
    ...found.other,
    ...(found.clusterStack === undefined ? [] : [found.clusterStack]),
  ];
}
