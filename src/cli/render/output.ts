/**
 * Results as text for people (summaries on stderr) and as `-o json|yaml|table` for stdout
 * (SPEC §1: machine-readable output on stdout, everything else on stderr).
 */
import pc from 'picocolors';
import type { CreateResult, DeleteResult } from '../../deploy/results.js';
import type { SwitchOffOutcome } from '../../deploy/endpoint-access.js';
import { disablePublicAccessCommand } from '../../deploy/endpoint-commands.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

/** A result as `-o json` or `-o yaml` text. The YAML library is loaded for `-o yaml` only. */
export async function formatData(value: unknown, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  const { stringify } = await import('../shared/yaml.js');
  return stringify(value);
}

type Paint = ReturnType<typeof pc.createColors>;

export interface SummaryContext {
  readonly color: boolean;
  /** The command to re-run (for "re-run to resume"). */
  readonly rerun: string;
  readonly profile?: string;
  /** Whether the cluster has an `eks` interface endpoint (SPEC §7 step 6). */
  readonly hasEksEndpoint: boolean;
  readonly withOidc: boolean;
}

/** The end of a create (SPEC §7 step 6): what happened, what is left, what to do next. */
export function createSummary(result: CreateResult, ctx: SummaryContext): string {
  const paint = pc.createColors(ctx.color);
  const lines: string[] = [];
  const head = `cluster "${result.cluster}" in ${result.region}`;
  if (result.outcome === 'created') lines.push(`${paint.green('✔')} ${head}: ready`);
  else if (result.outcome === 'interrupted') lines.push(`${paint.yellow('–')} ${head}: interrupted`);
  else lines.push(`${paint.red('✖')} ${head}: create failed`);

  for (const s of result.stacks) lines.push(`  stack ${s.stack}: ${s.outcome}`);
  if (result.outcome === 'failed') {
    for (const f of result.failures) {
      lines.push(`  ${paint.red('failed')} ${f.stepId}: ${f.message}`);
      if (f.hint !== undefined) lines.push(`    hint: ${f.hint}`);
    }
  }
  lines.push(`  endpoint access: ${accessText(result, paint, ctx)}`);
  if (result.kubeconfig !== undefined) {
    lines.push(`  kubeconfig: context "${result.kubeconfig.context}" in ${result.kubeconfig.path}`);
  }
  for (const m of result.manual) {
    lines.push(`  ${paint.yellow('to do from inside the VPC')} (${m.stepId}): ${m.what}`);
    if (m.manifest !== undefined)
      lines.push(
        ...m.manifest
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`),
      );
  }
  if (result.outcome !== 'created') {
    lines.push(
      `  nothing was deleted; CloudFormation carries on with what it started. Re-run \`${ctx.rerun}\` to resume:`,
      '    complete stacks are reused, stacks in progress are waited for, rolled-back stacks are created again',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push('next steps:');
  lines.push(
    '  - kubectl, helm and other Kubernetes-API tools must run from inside the VPC, a peered VPC, or over Direct Connect/VPN',
  );
  lines.push(
    ctx.hasEksEndpoint
      ? '  - EKS-API commands work from inside the VPC through its eks endpoint'
      : '  - EKS-API commands (aws eks, private-eks) from inside the VPC need the eks endpoint: add `eks` to privateCluster.additionalEndpointServices',
  );
  if (ctx.hasEksEndpoint && ctx.withOidc) {
    lines.push(
      "  - commands that use the OIDC issuer URL must run from outside the VPC once the eks endpoint's private DNS is on",
    );
  }
  return `${lines.join('\n')}\n`;
}

function accessText(result: CreateResult, paint: Paint, ctx: SummaryContext): string {
  const access = result.endpointAccess;
  switch (access.state) {
    case 'private-from-start':
      return 'private only, from the start';
    case 'switched-off':
      return `public access switched off at the end${access.updateId === undefined ? '' : ` (update ${access.updateId})`}; private only`;
    case 'unknown':
      return paint.yellow('unknown: check it with private-eks get cluster');
    case 'after-failure':
      return afterFailureText(access.outcome, result, paint, ctx);
  }
}

function afterFailureText(outcome: SwitchOffOutcome, result: CreateResult, paint: Paint, ctx: SummaryContext): string {
  switch (outcome.result) {
    case 'no-cluster':
      return 'no control plane exists, so nothing is exposed';
    case 'already-private':
      return 'private only';
    case 'requested':
      return `public access was on; switching it off was requested${outcome.updateId === undefined ? '' : ` (update ${outcome.updateId})`} and EKS completes it on its own`;
    case 'failed':
      return `${paint.red('PUBLIC ACCESS IS STILL ON')}: switching it off failed (${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}); run:\n      ${disablePublicAccessCommand(result.cluster, result.region, ctx.profile)}`;
  }
}

export function deleteSummary(result: DeleteResult, color: boolean): string {
  const paint = pc.createColors(color);
  const lines: string[] = [];
  const head = `cluster "${result.cluster}"`;
  switch (result.outcome) {
    case 'deleted':
      lines.push(`${paint.green('✔')} ${head}: deleted`);
      break;
    case 'partial':
      lines.push(`${paint.yellow('!')} ${head}: partly deleted (--force); some things are left`);
      break;
    case 'failed':
      lines.push(`${paint.red('✖')} ${head}: delete failed`);
      break;
    case 'interrupted':
      lines.push(
        `${paint.yellow('–')} ${head}: interrupted; CloudFormation carries on with deletes it started. Re-run to finish`,
      );
  }
  for (const d of result.deleted) lines.push(`  deleted ${d.kind} ${d.id}`);
  if (result.outcome === 'failed' || result.outcome === 'partial') {
    for (const f of result.failures) {
      lines.push(`  ${paint.red('failed')} ${f.stepId}: ${f.message}`);
      if (f.hint !== undefined) lines.push(`    hint: ${f.hint}`);
    }
  }
  if (result.outcome === 'partial') {
    lines.push('left behind:');
    for (const l of result.leftovers) lines.push(`  - ${l.kind} ${l.id}: ${l.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
