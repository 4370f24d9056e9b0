/**
 * Where nodegroups and Fargate profiles go (V22), checked before anything is created. Without
 * these checks a nodegroup's `availabilityZones` outside the cluster's zones was narrowed (or,
 * with none left, failed while rendering), and a `subnets` entry that names nothing reached
 * CloudFormation as a literal id, failing the nodegroup stack after the cluster stack had taken
 * its fifteen minutes.
 *
 * What a `subnets` entry may name, as eksctl reads it: a `vpc.subnets.private` key, a subnet id
 * of the cluster, or (a common eksctl spelling, since keys are usually zone names) a zone of the
 * cluster. A subnet id the cluster does not list is accepted only in a supplied VPC, and live
 * only when it really is in that VPC and has no route to an internet gateway (the rules SPEC
 * §5.5 applies to the cluster's own subnets); offline it is listed among the plan's unknowns.
 */
import type { ResolvedConfig } from '../config/resolved.js';
import type { CloudFacts, SubnetInfo } from './facts.js';
import { isIpv6Cluster } from './ipv6.js';
import type { PlannedNetwork } from './network.js';
import type { ProblemDraft } from './problems.js';
import { quoteList } from './problems.js';
import { UNKNOWN_OFFLINE } from './types.js';

/** A nodegroup or Fargate profile, with the field path its problems carry. */
interface Placed {
  /** `nodeGroups[0]`, `managedNodeGroups[1]`, `fargateProfiles[0]` */
  readonly path: string;
  readonly subnets: readonly string[];
  readonly availabilityZones: readonly string[];
}

export interface PlacementCheck {
  readonly problems: readonly ProblemDraft[];
  /** Offline: supplied-VPC subnet ids that could not be looked up. */
  readonly unknowns: readonly string[];
}

function placedOf(config: ResolvedConfig): Placed[] {
  return [
    ...config.nodeGroups.map((ng, i) => ({ path: `nodeGroups[${i}]`, ...ng })),
    ...config.managedNodeGroups.map((ng, i) => ({ path: `managedNodeGroups[${i}]`, ...ng })),
    ...config.fargateProfiles.map((p, i) => ({
      path: `fargateProfiles[${i}]`,
      subnets: p.subnets,
      availabilityZones: [],
    })),
  ];
}

const isSubnetId = (name: string): boolean => name.startsWith('subnet-');

/**
 * V22 problems of every nodegroup and Fargate profile; in an IPv6 cluster also V23 for a looked-up
 * subnet without an IPv6 block (supplied-vpc.ts checks the cluster's own subnets).
 */
export async function checkPlacement(
  config: ResolvedConfig,
  network: PlannedNetwork,
  facts: CloudFacts,
): Promise<PlacementCheck> {
  // Nothing usable to place into: the network's own problems already say why.
  if (network.subnets.length === 0) return { problems: [], unknowns: [] };
  const problems: ProblemDraft[] = [];
  const unknowns: string[] = [];
  const zonesKnown = network.subnets.every((s) => s.az !== UNKNOWN_OFFLINE);
  const zones = network.zones;
  const names = new Set(
    network.subnets.flatMap((s) => [s.key, s.id, s.az].filter((n): n is string => n !== null && n !== UNKNOWN_OFFLINE)),
  );
  const outside: { path: string; id: string }[] = [];

  for (const placed of placedOf(config)) {
    placed.availabilityZones.forEach((zone, j) => {
      if (!zonesKnown || zones.includes(zone)) return;
      problems.push({
        rule: 'V22',
        path: `${placed.path}.availabilityZones[${j}]`,
        message: `availability zone "${zone}" is not one of the cluster's zones (${zones.join(', ')}): the nodegroup has no private subnet there`,
        hint: `use zones the cluster has, or add "${zone}" to the cluster's availabilityZones (vpc.subnets.private with a supplied VPC)`,
      });
    });
    placed.subnets.forEach((name, j) => {
      if (names.has(name)) return;
      const path = `${placed.path}.subnets[${j}]`;
      if (!isSubnetId(name)) {
        problems.push({
          rule: 'V22',
          path,
          message: `"${name}" names neither a vpc.subnets.private key, a subnet id nor a zone of the cluster`,
          hint: `use one of ${quoteList([...names])}`,
        });
      } else if (network.vpc.id === null) {
        problems.push({
          rule: 'V22',
          path,
          message: `subnet "${name}" cannot be used: private-eks creates the cluster's VPC, so its nodes and pods can only go into the subnets it creates`,
          hint: `name a zone of the cluster (${zones.join(', ')}), or supply the VPC with vpc.id and vpc.subnets.private`,
        });
      } else {
        outside.push({ path, id: name });
      }
    });
  }
  if (outside.length === 0) return { problems, unknowns };

  if (facts.offline) {
    for (const { path, id } of outside)
      unknowns.push(`${path}: subnet "${id}" is not one of the cluster's subnets and was not looked up`);
    return { problems, unknowns };
  }
  const vpcId = network.vpc.id;
  const ids = [...new Set(outside.map((o) => o.id))];
  const found = new Map(
    (await facts.describeSubnets(config.metadata.region, { ids })).map((s): [string, SubnetInfo] => [s.id, s]),
  );
  for (const { path, id } of outside) {
    const info = found.get(id);
    if (info === undefined) {
      problems.push({
        rule: 'V22',
        path,
        message: `subnet "${id}" was not found in region "${config.metadata.region}"`,
        hint: 'check the subnet id and the region',
      });
    } else if (info.vpcId !== vpcId) {
      problems.push({
        rule: 'V22',
        path,
        message: `subnet "${id}" is in VPC "${info.vpcId}", not in the cluster's VPC "${vpcId ?? ''}"`,
        hint: 'use a subnet of the cluster VPC',
      });
    } else {
      problems.push(...internetRoute(network, info, path));
      if (isIpv6Cluster(config) && (info.ipv6Cidrs ?? []).length === 0) {
        problems.push({
          rule: 'V23',
          path,
          message: `subnet "${id}" has no IPv6 CIDR block: every subnet of an IPv6 cluster needs one`,
          hint: `aws ec2 associate-subnet-cidr-block --subnet-id ${id} --ipv6-cidr-block <a /64 of the VPC's IPv6 block>`,
        });
      }
    }
  }
  return { problems, unknowns };
}

/**
 * Add-ons that are DaemonSets only: ACTIVE with no node at all (zero pods wanted). Every other
 * add-on runs a Deployment whose pods need a node.
 */
const DAEMONSET_ADDONS = new Set(['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']);

/**
 * A warning (V22) for add-ons whose pods need nodes on a cluster with none: the add-ons stack is
 * created after the nodes (steps.ts), and with no node at all CloudFormation waits for an add-on
 * that stays DEGRADED and fails the stack. eksctl does not wait in that case (its add-on tasks
 * wait only `cfg.HasNodes()`); a stack cannot choose not to wait.
 */
export function addonsWithoutNodes(config: ResolvedConfig): ProblemDraft[] {
  const capacity = config.nodeGroups.length + config.managedNodeGroups.length + config.fargateProfiles.length;
  // Auto Mode launches nodes for pending pods itself.
  if (capacity > 0 || config.autoMode !== undefined) return [];
  return config.addons.flatMap((addon, i): ProblemDraft[] =>
    DAEMONSET_ADDONS.has(addon.name.toLowerCase())
      ? []
      : [
          {
            rule: 'V22',
            severity: 'warning',
            path: `addons[${i}]`,
            message: `add-on "${addon.name}" runs pods that need nodes, but the cluster has no nodegroup or Fargate profile: CloudFormation waits for it to become ACTIVE and the add-ons stack fails`,
            hint: 'add a managedNodeGroups entry or a Fargate profile, or leave the add-on out',
          },
        ],
  );
}

/** True when every pod runs on Fargate: profiles and no nodegroup of either kind. */
export function fargateOnly(config: ResolvedConfig): boolean {
  return config.fargateProfiles.length > 0 && config.nodeGroups.length + config.managedNodeGroups.length === 0;
}

/**
 * Warnings (V22) for a cluster whose pods all run on Fargate. eksctl patches the CoreDNS
 * Deployment through the Kubernetes API (removing its `eks.amazonaws.com/compute-type: ec2`
 * annotation); private-eks does it without the API, through the coredns add-on's
 * `computeType: Fargate` configuration (templates/addons.ts), so the add-on must be listed and a
 * profile must select kube-system. EKS Pod Identity has no agent on Fargate (the agent is a
 * DaemonSet on EC2 nodes), so its associations would give Fargate pods no credentials.
 */
export function fargateOnlyWarnings(config: ResolvedConfig): ProblemDraft[] {
  if (!fargateOnly(config)) return [];
  const drafts: ProblemDraft[] = [];
  const selectsKubeSystem = config.fargateProfiles.some((p) =>
    p.selectors.some((s) => s.namespace === 'kube-system' && Object.keys(s.labels).length === 0),
  );
  if (!selectsKubeSystem) {
    drafts.push({
      rule: 'V22',
      severity: 'warning',
      path: 'fargateProfiles',
      message:
        'no Fargate profile selects namespace kube-system and the cluster has no nodegroup: CoreDNS will not run, and pods will not resolve names',
      hint: 'add a selector `- namespace: kube-system` to a Fargate profile',
    });
  }
  if (!config.addons.some((a) => a.name === 'coredns')) {
    drafts.push({
      rule: 'V22',
      severity: 'warning',
      path: 'addons',
      message: 'the CoreDNS that EKS installs runs on EC2 nodes only and stays Pending on a cluster without nodegroups',
      hint: 'add `addons: [{name: coredns}]`: private-eks configures it with computeType: Fargate, no Kubernetes API needed',
    });
  }
  config.iam.podIdentityAssociations.forEach((_, i) =>
    drafts.push({
      rule: 'V22',
      severity: 'warning',
      path: `iam.podIdentityAssociations[${i}]`,
      message:
        'EKS Pod Identity does not work for pods on Fargate (its agent runs on EC2 nodes), and this cluster has no nodegroup',
      hint: 'give Fargate pods their role through iam.serviceAccounts (IRSA, with iam.withOIDC: true)',
    }),
  );
  return drafts;
}

/** SPEC §5.5's rule for the cluster's subnets, applied to a nodegroup's own: no internet gateway route. */
function internetRoute(network: PlannedNetwork, subnet: SubnetInfo, path: string): ProblemDraft[] {
  const tables = network.routeTables ?? [];
  const table = tables.find((t) => t.subnetIds.includes(subnet.id)) ?? tables.find((t) => t.main);
  const igw = table?.routes.find((r) => r.gatewayId?.startsWith('igw-') === true);
  if (table === undefined || igw === undefined) return [];
  return [
    {
      rule: 'V22',
      path,
      message: `subnet "${subnet.id}" has a route to internet gateway "${igw.gatewayId ?? ''}" (route table "${table.id}"): a fully-private cluster's nodes must not reach the internet`,
      hint: 'use a private subnet of the VPC',
    },
  ];
}
