/**
 * The Plan: everything `create cluster` will do, decided before anything is created. Built by
 * `buildPlan(config, facts)` (plan.ts), rendered to CloudFormation by src/templates (pure),
 * printed by `plan`, executed by src/deploy. Deterministic: same config + same facts = same plan.
 *
 * `plan -o json` prints this object with each stack's rendered template added (SPEC §1).
 */
import type { Partition } from '../config/region-catalog.js';
import type { ResolvedConfig } from '../config/resolved.js';
import type { EndpointType, RouteTableInfo } from './facts.js';
import type { InstanceSelection } from './instance-selection.js';
import type { RunnerPlan } from './runner.js';

/**
 * Offline, in place of a value only AWS can tell: a supplied VPC's id when the file gives only
 * subnet ids, a supplied subnet's zone or route table. The plan is then `offline: true` and lists
 * what it could not learn in `unknowns`.
 */
export const UNKNOWN_OFFLINE = 'unknown-offline';

/** The AWS partitions (defined with the region catalog). */
export type { Partition };

/** Everything createCluster will do, decided before anything is created: zones, VPC, private subnets, VPC endpoints, stacks, steps, the endpoint-access decision and the endpoints' cost. What `plan -o json` prints (with each stack's template). */
export interface Plan {
  /** True when facts came from the built-in catalog (`--offline`). */
  readonly offline: boolean;
  readonly cluster: ResolvedConfig;
  readonly region: { readonly name: string; readonly partition: Partition };
  /** The cluster's zones, in order. */
  readonly availabilityZones: readonly string[];
  readonly vpc: PlannedVpc;
  /** Private subnets only; one or more per zone. */
  readonly subnets: readonly PlannedSubnet[];
  /** In SPEC §5.1 order (E1, E2, E3). Empty with `skipEndpointCreation`. */
  readonly endpoints: readonly PlannedEndpoint[];
  /** With a supplied VPC and `skipEndpointCreation`: required services the VPC lacks (SPEC §5.5). */
  readonly missingEndpoints: readonly string[];
  readonly endpointAccess: EndpointAccessDecision;
  /**
   * A supplied VPC (without `skipEndpointCreation`): the VPC's own endpoints stack, shared by every
   * cluster in the VPC and deleted with the last of them (shared-endpoints.ts). Absent otherwise.
   * Added after the first contract.
   */
  readonly sharedEndpoints?: SharedEndpointsPlan;
  readonly stacks: readonly StackPlan[];
  /** The create's step graph (SPEC §7). */
  readonly steps: readonly PlanStep[];
  readonly cost: CostEstimate;
  /**
   * What the plan could not learn or check, one sentence each (offline: a supplied VPC's CIDRs,
   * DNS attributes, route tables and existing endpoints). Empty for a live plan. Added after the
   * first contract: absent in Plans built by hand.
   */
  readonly unknowns?: readonly string[];
  /**
   * A supplied VPC planned live: the route tables the cluster's subnets use (each one's explicit
   * table, and the main table when a subnet has none), as looked up. The network picture reports
   * their routes out of the VPC from these facts. Absent for a new VPC (its template says it all)
   * and offline. Added after the first contract.
   */
  readonly suppliedRouteTables?: readonly RouteTableInfo[];
  /**
   * The in-VPC runner that carries the Kubernetes-API steps (plan/runner.ts). Added after the
   * first contract: absent in Plans built by hand, which then have no runner.
   */
  readonly runner?: RunnerPlan;
  /**
   * Nodegroups whose instance types an `instanceSelector` chooses: the selector and the types EC2
   * matched (null offline). `cluster` already holds those types. Absent when no nodegroup has a
   * selector. Added after the first contract.
   */
  readonly instanceSelections?: readonly InstanceSelection[];
}

/** The VPC of the plan: created (id null) or supplied, with its CIDRs. */
export interface PlannedVpc {
  /** Null: the cluster stack creates the VPC. */
  readonly id: string | null;
  /** Primary CIDR first. The endpoint security group admits 443 from each. */
  readonly cidrs: readonly string[];
  /**
   * IPv6 clusters in a supplied VPC: the VPC's IPv6 blocks, which the endpoint security group
   * admits too. Absent otherwise (a VPC private-eks creates gets its block from Amazon at deploy
   * time, so the template refers to it). Added after the first contract.
   */
  readonly ipv6Cidrs?: readonly string[];
}

/** A private subnet of the plan: zone, CIDR, and whether it is created or supplied. */
export interface PlannedSubnet {
  readonly az: string;
  /** Null offline for a supplied subnet whose CIDR is unknown. */
  readonly cidr: string | null;
  /** Null: created by the cluster stack. */
  readonly id: string | null;
  readonly private: true;
  /** Logical-id suffix as eksctl: the zone upper-cased without dashes (`USWEST2A`). */
  readonly logicalSuffix: string;
  /**
   * The subnet's explicitly associated route table: null when the cluster stack creates it
   * (`PrivateRouteTable<AZ>`), or the supplied one's id.
   */
  readonly routeTableId: string | null;
  /** The `vpc.subnets.private` key it came from, when supplied in the file. */
  readonly key: string | null;
}

/** A VPC endpoint of the plan: service, type, zones and subnets (Interface) or route tables (Gateway), and whether it is new or reused. */
export interface PlannedEndpoint {
  /** Short name: `ec2`, `ecr.api`, `s3`, `logs`, … */
  readonly service: string;
  readonly type: EndpointType;
  /** `<prefix>.<region>.<service>` (SPEC §5.2). */
  readonly serviceName: string;
  /** Interface: the zones it is placed in (cluster zones the service offers). Gateway: all cluster zones. */
  readonly availabilityZones: readonly string[];
  /** Interface: one subnet per zone (PlannedSubnet.logicalSuffix or id). Gateway: empty. */
  readonly subnets: readonly PlannedSubnetRef[];
  /** Gateway: the distinct route tables (logical suffix or id). Interface: empty. */
  readonly routeTables: readonly PlannedRouteTableRef[];
  /** `VPCEndpointEC2`, `VPCEndpointECRAPI`, … as eksctl. */
  readonly logicalId: string;
  /** True when an endpoint already in the supplied VPC is used instead of creating one. */
  readonly reused: boolean;
  /** The reused endpoint's id. */
  readonly existingId: string | null;
  /**
   * Why this endpoint is in the set: `required` (E1), `additional` (E2), `logging` (E3),
   * `auto-mode` (added after the first contract: EKS Auto Mode nodes' Pod Identity agent → eks-auth),
   * `pod-identity` (the eks-pod-identity-agent add-on's agent on the nodes → eks-auth).
   */
  readonly reason: 'required' | 'additional' | 'logging' | 'auto-mode' | 'pod-identity';
  /** Cluster zones the service is not offered in (its endpoint skips those subnets). */
  readonly skippedAvailabilityZones: readonly string[];
  /**
   * The stack that holds it: the VPC's shared endpoints stack, the cluster stack (a VPC the
   * cluster creates, or a cluster made before endpoints were shared), another stack, or absent for
   * an endpoint no stack made. Added after the first contract: absent in plans for a new VPC.
   */
  readonly stack?: string;
}

/** The supplied VPC's endpoints stack after this create: what it holds already, plus what this cluster adds. */
export interface SharedEndpointsPlan {
  readonly stackName: string;
  readonly vpcId: string;
  /**
   * Every endpoint the stack's template declares after this create, in catalog order: those it
   * holds already (other clusters' too, grown to this cluster's zones and route tables) and those
   * this cluster adds. Rendered by templates/endpoints-stack.ts.
   */
  readonly endpoints: readonly PlannedEndpoint[];
  /** Services this create adds to the stack (empty: the stack has them all). */
  readonly added: readonly string[];
}

/** A subnet either created by the stack (by logical suffix) or supplied (by id). */
export type PlannedSubnetRef = { readonly logicalSuffix: string } | { readonly id: string };
/** A route table of the plan: created by the cluster stack (by logical-id suffix) or supplied (by id). */
export type PlannedRouteTableRef = { readonly logicalSuffix: string } | { readonly id: string };

/** The API server endpoint's access: public, private, or both. */
export interface EndpointAccess {
  readonly publicAccess: boolean;
  readonly privateAccess: boolean;
}

/** How the API server endpoint is created and left (always private-only at the end), whether public access is switched off by the last step, and why. */
export interface EndpointAccessDecision {
  /** How the control plane is created. */
  readonly initial: EndpointAccess;
  /** How it is left: always private-only. */
  readonly final: EndpointAccess;
  /** True when public access must be switched off at the end (eksctl's way). */
  readonly switchNeeded: boolean;
  /** Why, in one sentence, naming the step that needs the Kubernetes API if any. */
  readonly reason: string;
  /** Steps (PlanStep.id) that need the Kubernetes API. */
  readonly stepsNeedingKubernetesApi: readonly string[];
  /** `vpc.publicAccessCIDRs` restricting the public window, when the switch is needed. */
  readonly publicAccessCidrs: readonly string[];
  readonly mode: 'auto' | 'always' | 'never';
}

/** `addons` was added after the first contract: the add-ons' own stack, created after the nodes. */
/** `runner` (the in-VPC runner's stack, plan/runner.ts) and `endpoints` (a supplied VPC's shared endpoints) were added after the first contract too. */
export type StackKind = 'cluster' | 'managed-nodegroup' | 'nodegroup' | 'fargate' | 'addons' | 'endpoints' | 'runner';

/** A CloudFormation stack of the plan, named as eksctl names it, with its tags and capabilities. */
export interface StackPlan {
  /**
   * `eksctl-<cluster>-cluster`, `eksctl-<cluster>-nodegroup-<ng>`, `eksctl-<cluster>-fargate`,
   * `eksctl-<cluster>-addons`.
   */
  readonly name: string;
  readonly kind: StackKind;
  /** For nodegroup stacks: the nodegroup's name. */
  readonly nodeGroup: string | null;
  /** Stack tags (SPEC §6). */
  readonly tags: Readonly<Record<string, string>>;
  /** CAPABILITY_IAM / CAPABILITY_NAMED_IAM as the template needs. */
  readonly capabilities: readonly string[];
}

/**
 * `addons-stack` was added after the first contract (with StackKind `addons`); `endpoints-stack`
 * (StackKind `endpoints`) and `log-group` later still; `fargate-profiles-wait` (waits, in the
 * Fargate stack being created, for the profiles the add-ons need; creates no stack) last.
 */
export type StepKind =
  | 'endpoints-stack'
  | 'log-group'
  | 'cluster-stack'
  | 'nodegroup-stack'
  | 'fargate-stack'
  | 'fargate-profiles-wait'
  | 'addons-stack'
  | 'runner-stack'
  | 'kubernetes-api'
  | 'kubeconfig'
  | 'endpoint-access-update';

/** A step of the create, with the steps it waits for. */
export interface PlanStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly description: string;
  readonly dependsOn: readonly string[];
  /** The stack this step creates, when it creates one. */
  readonly stack: string | null;
  /** True when the step talks to the Kubernetes API server (not only the EKS API). */
  readonly needsKubernetesApi: boolean;
}

/** The estimated cost of the plan's VPC endpoints, from private-eks's price table (dated). */
export interface CostEstimate {
  /** The price table's date (ISO), so the user knows how old the estimate is. */
  readonly priceDate: string;
  readonly currency: 'USD';
  /** Interface endpoints: per endpoint per AZ per hour. */
  readonly interfaceEndpointAzHours: number;
  readonly hourly: number;
  /** hourly × 730. */
  readonly monthly: number;
  /** Per GB processed, first tier. */
  readonly perGbProcessed: number;
  readonly lines: readonly {
    readonly service: string;
    readonly type: EndpointType;
    readonly azs: number;
    readonly hourly: number;
  }[];
  readonly note: string;
}
