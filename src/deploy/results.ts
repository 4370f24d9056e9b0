/**
 * What create and delete return: tagged unions, not exceptions, for outcomes that are not bugs
 * (a stack that rolled back, Ctrl-C, a --force delete that left something behind). The CLI maps
 * them to exit codes (SPEC §1: 1 failed, 3 interrupted, 4 partial) and prints the next steps.
 */
import { DeployError, PrivateEksError } from '../errors.js';
import type { SwitchOffOutcome } from './endpoint-access.js';
import type { StepRecord } from './step-graph.js';
import type { VerifyReport } from '../verify/types.js';

/** A stack a create touched: created, reused, or found complete. */
export interface StackOutcome {
  readonly stepId: string;
  readonly stack: string;
  /** `updated`: a supplied VPC's shared endpoints stack grown for this cluster. */
  readonly outcome: 'created' | 'reused' | 'recreated' | 'updated';
}

/** A failed step: which one, the resource and the reason. */
export interface StepFailure {
  readonly stepId: string;
  readonly message: string;
  /** The failed resource (`LogicalId (Type)`) or stack, when known. */
  readonly resource?: string;
  readonly hint?: string;
}

/** Something that needs the Kubernetes API and could not be done from here. */
export interface ManualStep {
  readonly stepId: string;
  readonly what: string;
  /** What to apply from inside the VPC (e.g. a manifest for `kubectl apply -f -`). */
  readonly manifest?: string;
}

/** Whether a create wrote the kubeconfig entry, and where. */
export interface KubeconfigOutcome {
  readonly path: string;
  readonly context: string;
}

/** What every CreateResult has: the stacks touched, the manual steps left, the kubeconfig and endpoint-access outcomes. */
export interface CreateCommon {
  readonly cluster: string;
  readonly region: string;
  readonly steps: readonly StepRecord[];
  readonly stacks: readonly StackOutcome[];
  readonly kubeconfig: KubeconfigOutcome | undefined;
  readonly manual: readonly ManualStep[];
  /** How the API server's endpoint was left. */
  readonly endpointAccess: EndpointAccessReport;
  /** The check through the AWS APIs after every step succeeded; absent when not run. */
  readonly verification?: VerifyReport;
}

/** What happened to the endpoint-access switch during a create: not needed, switched, or left to the user with the command to run. */
export type EndpointAccessReport =
  /** Private-only from the first minute: the template said so and nothing changed it. */
  | { readonly state: 'private-from-start' }
  /** Public access was switched off at the end (eksctl's way). */
  | { readonly state: 'switched-off'; readonly updateId?: string }
  /** A failure path asked EKS to switch public access off, or found it off already. */
  | { readonly state: 'after-failure'; readonly outcome: SwitchOffOutcome }
  /** Public access is still on, and the run never got to the switch (e.g. the cluster stack failed early). */
  | { readonly state: 'unknown' };

/** The outcome of createCluster or createNodegroups: done (with each stack and the manual steps left, if any), failed (naming the step and why), or interrupted. */
export type CreateResult =
  | ({ readonly outcome: 'created' } & CreateCommon)
  | ({ readonly outcome: 'failed'; readonly failures: readonly StepFailure[] } & CreateCommon)
  | ({ readonly outcome: 'interrupted' } & CreateCommon);

/** A resource deleteCluster deleted (or found already gone). */
export interface DeletedItem {
  readonly kind:
    | 'stack'
    | 'security-group'
    | 'load-balancer'
    | 'target-group'
    | 'kubeconfig-entry'
    | 'vpc-endpoint'
    | 'log-group'
    | 'network-interface';
  readonly id: string;
}

/** A resource deleteCluster could not delete (with force), and why. */
export interface LeftoverItem {
  readonly kind:
    'stack' | 'security-group' | 'load-balancer' | 'target-group' | 'network-interface' | 'vpc-endpoint' | 'kubernetes';
  readonly id: string;
  readonly reason: string;
}

/** The outcome of deleteCluster: done, partly done (with force: what is left and why), failed, or interrupted. */
export type DeleteResult =
  | {
      readonly outcome: 'deleted';
      readonly cluster: string;
      readonly deleted: readonly DeletedItem[];
      readonly notes: readonly string[];
    }
  /** --force: some things could not be deleted; they are listed (exit 4). */
  | {
      readonly outcome: 'partial';
      readonly cluster: string;
      readonly deleted: readonly DeletedItem[];
      readonly leftovers: readonly LeftoverItem[];
      readonly failures: readonly StepFailure[];
      readonly notes: readonly string[];
    }
  | {
      readonly outcome: 'failed';
      readonly cluster: string;
      readonly deleted: readonly DeletedItem[];
      readonly failures: readonly StepFailure[];
      readonly notes: readonly string[];
    }
  | {
      readonly outcome: 'interrupted';
      readonly cluster: string;
      readonly deleted: readonly DeletedItem[];
      readonly notes: readonly string[];
    };

/** A failed step as the result reports it: the message, the failed resource and the hint. */
export function stepFailure(record: StepRecord): StepFailure {
  const error = record.error;
  const message = error instanceof Error ? error.message : String(error);
  const resource = error instanceof DeployError ? error.resource : undefined;
  const hint = PrivateEksError.isPrivateEksError(error) ? error.hint : undefined;
  return {
    stepId: record.id,
    message,
    ...(resource === undefined ? {} : { resource }),
    ...(hint === undefined ? {} : { hint }),
  };
}
