/**
 * The critical path of `create`, from the plan's own step graph (`plan.steps`, `dependsOn`) under
 * the dated table of typical AWS durations in bench/aws-durations.ts, next to the same figure for
 * eksctl's step order on the same config. eksctl (pkg/actions/cluster + pkg/ctl/create/cluster.go):
 * the cluster stack with public + private access; then, one after the other, add-ons, IRSA, the
 * Fargate profiles (one at a time); then the nodegroups in parallel; and for a fully-private
 * cluster always, at the very end, the switch of public access off (seed, "Limitations").
 * private-eks runs nodegroups and Fargate side by side and switches only when a step needs the
 * Kubernetes API (SPEC §7 step 5), so the cluster is otherwise private from the first minute; on a
 * cluster without nodegroups its add-ons wait only for the Fargate profiles selecting kube-system
 * (created first), not for the others.
 *
 *   npx tsx bench/critical-path.ts
 *
 * A model, not a measurement: the emulator provisions in milliseconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.js';
import { profilesTheAddonsNeed } from '../src/plan/fargate-order.js';
import { buildPlan, createOfflineFacts } from '../src/plan/index.js';
import type { Plan, PlanStep } from '../src/plan/types.js';
import { DURATIONS_DATE, formatDurationTable, minutes } from './aws-durations.js';
import type { Scenario } from './aws-durations.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS: readonly Scenario[] = ['min', 'typical', 'max'];
const EKSCTL_PRE_NODEGROUP_ADDONS = new Set(['vpc-cni', 'kube-proxy', 'coredns', 'eks-pod-identity-agent']);

function stepMinutes(step: PlanStep, plan: Plan, s: Scenario): number {
  switch (step.kind) {
    case 'cluster-stack':
      return minutes('controlPlane', s);
    case 'addons-stack':
      return minutes('addon', s);
    case 'runner-stack':
      return minutes('runnerStack', s);
    case 'nodegroup-stack':
      return plan.stacks.find((st) => st.name === step.stack)?.kind === 'managed-nodegroup'
        ? minutes('managedNodegroup', s)
        : minutes('selfManagedNodegroup', s);
    case 'fargate-stack':
      return plan.cluster.fargateProfiles.length * minutes('fargateProfile', s);
    // Starts with the Fargate stack and ends when its first profiles, those selecting kube-system,
    // are created (one at a time, like the rest).
    case 'fargate-profiles-wait':
      return (
        (profilesTheAddonsNeed(plan.cluster)?.length ?? plan.cluster.fargateProfiles.length) *
        minutes('fargateProfile', s)
      );
    case 'kubernetes-api':
      return step.id === 'service-accounts' ? minutes('serviceAccountRole', s) : minutes('configMapUpdate', s);
    case 'endpoint-access-update':
      return minutes('endpointAccessUpdate', s);
    case 'kubeconfig':
    case 'log-group':
      return 0;
    // A supplied VPC's endpoints stack runs beside the control plane and is much shorter (no figure
    // of its own in the table): it never lengthens the path.
    case 'endpoints-stack':
      return 0;
  }
}

export interface PathFigure {
  readonly minutes: number;
  /** The steps (or stages) on the critical path, in order. */
  readonly path: readonly string[];
  /** How long the public endpoint is open during the create. */
  readonly publicMinutes: number;
}

/** When each step finishes at the earliest, and the dependency that held it back last. */
function finishTimes(plan: Plan, s: Scenario): Map<string, { at: number; via: string | undefined }> {
  const finish = new Map<string, { at: number; via: string | undefined }>();
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const visit = (step: PlanStep): number => {
    const known = finish.get(step.id);
    if (known !== undefined) return known.at;
    let start = 0;
    let via: string | undefined;
    for (const dep of step.dependsOn) {
      const at = visit(byId.get(dep)!);
      if (at > start || via === undefined) [start, via] = [at, dep];
    }
    const at = start + stepMinutes(step, plan, s);
    finish.set(step.id, { at, via });
    return at;
  };
  for (const step of plan.steps) visit(step);
  return finish;
}

function chainTo(finish: Map<string, { at: number; via: string | undefined }>, last: string | undefined): string[] {
  const chain: string[] = [];
  for (let id = last; id !== undefined; id = finish.get(id)?.via) chain.unshift(id);
  return chain;
}

/** The longest path through plan.steps (a DAG: buildPlan never emits a cycle). */
export function privateEksCriticalPath(plan: Plan, s: Scenario): PathFigure {
  const finish = finishTimes(plan, s);
  let last: string | undefined;
  let total = 0;
  for (const step of plan.steps) {
    const at = finish.get(step.id)?.at ?? 0;
    if (at > total || last === undefined) [total, last] = [at, step.id];
  }
  const open = plan.endpointAccess.initial.publicAccess ? total - minutes('controlPlane', s) : 0;
  return { minutes: total, path: chainTo(finish, last), publicMinutes: open };
}

/** The chain of steps that ends with the add-ons, and when they are done; undefined without add-ons. */
export function addonsPath(plan: Plan, s: Scenario): { minutes: number; path: string[] } | undefined {
  const finish = finishTimes(plan, s);
  const done = finish.get('addons');
  return done === undefined ? undefined : { minutes: done.at, path: chainTo(finish, 'addons') };
}

/** eksctl's order for the same config: sequential stages, nodegroups in parallel within theirs. */
export function eksctlCriticalPath(plan: Plan, s: Scenario): PathFigure {
  const cfg = plan.cluster;
  const stages: [string, number][] = [['cluster stack (public + private access)', minutes('controlPlane', s)]];
  if (cfg.iam.serviceAccounts.length > 0)
    stages.push(['IRSA roles + ServiceAccounts', minutes('serviceAccountRole', s)]);
  if (cfg.fargateProfiles.length > 0) {
    stages.push([
      `${cfg.fargateProfiles.length} Fargate profile(s), one at a time`,
      cfg.fargateProfiles.length * minutes('fargateProfile', s),
    ]);
  }
  const groups = [
    ...cfg.nodeGroups.map(() => minutes('selfManagedNodegroup', s)),
    ...cfg.managedNodeGroups.map(() => minutes('managedNodegroup', s)),
  ];
  if (groups.length > 0) stages.push([`${groups.length} nodegroup(s) in parallel`, Math.max(...groups)]);
  if (cfg.accessConfig.authenticationMode === 'CONFIG_MAP' && cfg.nodeGroups.length > 0) {
    stages.push(['aws-auth ConfigMap', minutes('configMapUpdate', s)]);
  }
  // eksctl creates vpc-cni, kube-proxy, coredns and eks-pod-identity-agent before the nodegroups
  // without waiting for them, and waits only for the others, after the nodegroups
  // (pkg/actions/addon/tasks.go, CreateAddonTasks, knownAddons.CreateBeforeNodeGroup).
  const waited = cfg.addons.filter((a) => !EKSCTL_PRE_NODEGROUP_ADDONS.has(a.name.toLowerCase()));
  if (waited.length > 0) stages.push([`${waited.length} add-on(s), waited for`, minutes('addon', s)]);
  stages.push(['switch public access off', minutes('endpointAccessUpdate', s)]);
  const total = stages.reduce((sum, [, m]) => sum + m, 0);
  return { minutes: total, path: stages.map(([name]) => name), publicMinutes: total - minutes('controlPlane', s) };
}

export interface CriticalPathCase {
  readonly label: string;
  readonly plan: Plan;
}

async function planOf(label: string, text: string): Promise<CriticalPathCase> {
  const loaded = loadConfig({ text, file: label, env: {} });
  if (loaded.config === undefined) throw new Error(`${label}: ${JSON.stringify(loaded.problems)}`);
  const { plan, problems } = await buildPlan(loaded.config, createOfflineFacts());
  if (plan === undefined) throw new Error(`${label}: ${JSON.stringify(problems)}`);
  return { label, plan };
}

const example = (file: string): string => readFileSync(path.join(root, 'examples', file), 'utf8');

/** minimal, a Fargate-only cluster, the Fargate + IRSA example (needs the Kubernetes API), nodegroups. */
export async function criticalPathCases(): Promise<CriticalPathCase[]> {
  const fargateOnly = example('minimal.yaml').replace(
    /\nnodeGroups:[\s\S]*$/,
    [
      '',
      'fargateProfiles:',
      '  - name: fp-default',
      '    selectors: [{namespace: default}, {namespace: kube-system}]',
      '  - name: fp-apps',
      '    selectors: [{namespace: apps}]',
      '',
    ].join('\n'),
  );
  return Promise.all([
    planOf('examples/minimal.yaml', example('minimal.yaml')),
    planOf('minimal, nodegroups → 2 Fargate profiles', fargateOnly),
    planOf('examples/fargate-irsa.yaml (IRSA: K8s API)', example('fargate-irsa.yaml')),
    planOf('examples/nodegroups.yaml', example('nodegroups.yaml')),
  ]);
}

const range = (f: Record<Scenario, PathFigure>, key: 'minutes' | 'publicMinutes'): string =>
  `${f.typical[key].toFixed(1)} [${f.min[key].toFixed(1)}–${f.max[key].toFixed(1)}]`;

export function formatCriticalPaths(cases: readonly CriticalPathCase[]): string {
  const lines = [
    `critical path of create, minutes: typical [min–max], AWS durations dated ${DURATIONS_DATE}`,
    '| config | private-eks initial access | private-eks | eksctl order | saved (typical) | private-eks / eksctl (typical) | public endpoint open: private-eks | eksctl |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const details: string[] = [];
  for (const { label, plan } of cases) {
    const ours = Object.fromEntries(SCENARIOS.map((s) => [s, privateEksCriticalPath(plan, s)])) as Record<
      Scenario,
      PathFigure
    >;
    const theirs = Object.fromEntries(SCENARIOS.map((s) => [s, eksctlCriticalPath(plan, s)])) as Record<
      Scenario,
      PathFigure
    >;
    const initial = plan.endpointAccess.initial.publicAccess ? 'public + private, then switch' : 'private-only';
    lines.push(
      `| ${label} | ${initial} | ${range(ours, 'minutes')} | ${range(theirs, 'minutes')} | ` +
        `${(theirs.typical.minutes - ours.typical.minutes).toFixed(1)} | ${(ours.typical.minutes / theirs.typical.minutes).toFixed(3)}× | ` +
        `${range(ours, 'publicMinutes')} | ${range(theirs, 'publicMinutes')} |`,
    );
    details.push(`  ${label}`);
    details.push(`    private-eks: ${ours.typical.path.join(' → ')}`);
    const addons = addonsPath(plan, 'typical');
    if (addons !== undefined && addons.path.join() !== ours.typical.path.join()) {
      details.push(`      add-ons:   ${addons.path.join(' → ')} (done at ${addons.minutes.toFixed(1)})`);
    }
    details.push(`    eksctl:      ${theirs.typical.path.join(' → ')}`);
  }
  return [...lines, '', 'critical paths (typical):', ...details, '', formatDurationTable()].join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatCriticalPaths(await criticalPathCases()));
}
