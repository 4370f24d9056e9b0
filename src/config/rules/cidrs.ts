/**
 * V16: CIDRs. The VPC's must be an IPv4 block from /16 to /24 (what EC2 accepts); each private
 * subnet's must lie inside it and not overlap another's. Also every other CIDR of the file
 * (publicAccessCIDRs, the service CIDR) must at least be a CIDR.
 */
import { cidrContains, cidrsOverlap, hasHostBits, parseIpv4Cidr, type Ipv4Cidr } from '../cidr.js';
import { DEFAULT_VPC_CIDR } from '../defaults.js';
import { formatPath, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import { report, type RuleContext } from './context.js';

function notACidr(ctx: RuleContext, path: FieldPath, text: string, what = formatPath(path)): Problem {
  return report(ctx, 'value', {
    rule: 'V16',
    path,
    message: `${what} ${quote(text)} is not an IPv4 CIDR`,
    hint: 'write an address and a prefix length, e.g. 10.0.0.0/16',
  });
}

function hostBits(ctx: RuleContext, path: FieldPath, cidr: Ipv4Cidr, text: string): Problem {
  return report(ctx, 'value', {
    rule: 'V16',
    path,
    message: `${formatPath(path)} ${text} has host bits set`,
    hint: `write ${cidr.canonical}`,
  });
}

/** How a message names the VPC's block: the file's vpc.cidr, or the default when the file has none. */
function vpcCidrName(ctx: RuleContext, vpc: Ipv4Cidr): string {
  return ctx.config.vpc?.cidr === undefined
    ? `the VPC's block ${vpc.canonical} (the default: the file sets no vpc.cidr)`
    : `vpc.cidr ${vpc.canonical}`;
}

/** The VPC block subnets must fit in: the file's, or the default when private-eks creates the VPC. */
function vpcCidr(ctx: RuleContext, problems: Problem[]): Ipv4Cidr | undefined {
  const path: FieldPath = ['vpc', 'cidr'];
  const text = ctx.config.vpc?.cidr;
  if (text === undefined) {
    // A supplied VPC's block is learnt from AWS at planning.
    return (ctx.config.vpc?.id ?? '') === '' ? parseIpv4Cidr(DEFAULT_VPC_CIDR) : undefined;
  }
  const cidr = parseIpv4Cidr(text);
  if (cidr === undefined) {
    problems.push(notACidr(ctx, path, text));
    return undefined;
  }
  if (cidr.prefix < 16 || cidr.prefix > 24) {
    problems.push(
      report(ctx, 'value', {
        rule: 'V16',
        path,
        message: `VPC CIDR prefix must be between /16 and /24, got /${cidr.prefix}`,
        hint: 'use a block from /16 (65,536 addresses) to /24 (256)',
      }),
    );
    return undefined;
  }
  if (hasHostBits(cidr)) problems.push(hostBits(ctx, path, cidr, text));
  return cidr;
}

export function v16Cidrs(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const vpc = vpcCidr(ctx, problems);
  const placed: { path: FieldPath; cidr: Ipv4Cidr }[] = [];
  for (const [key, spec] of Object.entries(ctx.config.vpc?.subnets?.private ?? {})) {
    if (spec.cidr === undefined) continue;
    const path: FieldPath = ['vpc', 'subnets', 'private', key, 'cidr'];
    const cidr = parseIpv4Cidr(spec.cidr);
    if (cidr === undefined) {
      problems.push(notACidr(ctx, path, spec.cidr));
      continue;
    }
    if (cidr.prefix < 16 || cidr.prefix > 28) {
      problems.push(
        report(ctx, 'value', {
          rule: 'V16',
          path,
          message: `subnet CIDR prefix must be between /16 and /28, got /${cidr.prefix}`,
          hint: 'EC2 subnets are /16 to /28',
        }),
      );
      continue;
    }
    if (hasHostBits(cidr)) problems.push(hostBits(ctx, path, cidr, spec.cidr));
    if (vpc !== undefined && !cidrContains(vpc, cidr)) {
      problems.push(
        report(ctx, 'value', {
          rule: 'V16',
          path,
          message: `${formatPath(path)} ${cidr.canonical} is not inside ${vpcCidrName(ctx, vpc)}`,
          hint: `choose a block inside ${vpc.canonical}${ctx.config.vpc?.cidr === undefined ? ', or set vpc.cidr to a block that holds it' : ''}`,
        }),
      );
      continue;
    }
    const overlapped = placed.find((p) => cidrsOverlap(p.cidr, cidr));
    if (overlapped !== undefined) {
      problems.push(
        report(ctx, 'value', {
          rule: 'V16',
          path,
          message: `${formatPath(path)} ${cidr.canonical} overlaps ${formatPath(overlapped.path)} ${overlapped.cidr.canonical}`,
          hint: 'give each subnet its own block',
        }),
      );
      continue;
    }
    placed.push({ path, cidr });
  }
  (ctx.config.vpc?.publicAccessCIDRs ?? []).forEach((text, i) => {
    if (parseIpv4Cidr(text) === undefined) problems.push(notACidr(ctx, ['vpc', 'publicAccessCIDRs', i], text));
  });
  problems.push(...serviceCidrProblems(ctx, vpc));
  return problems;
}

/** The private ranges EKS takes a service CIDR from (RFC 1918). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseIpv4Cidr(c)!);

/**
 * The service CIDR: eksctl checks it is a CIDR; EKS then wants a block inside RFC 1918, from /12 to
 * /24, not overlapping the VPC (checked here against vpc.cidr, or the default block of a VPC
 * private-eks creates; a supplied VPC's blocks are known only to AWS).
 */
function serviceCidrProblems(ctx: RuleContext, vpc: Ipv4Cidr | undefined): Problem[] {
  const path: FieldPath = ['kubernetesNetworkConfig', 'serviceIPv4CIDR'];
  const text = ctx.config.kubernetesNetworkConfig?.serviceIPv4CIDR;
  if (text === undefined || text === '') return [];
  const problem = (message: string, hint: string) => [report(ctx, 'value', { rule: 'V16', path, message, hint })];
  const cidr = parseIpv4Cidr(text);
  if (cidr === undefined) {
    // eksctl's wording (then Go's net.ParseCIDR error).
    return problem(
      `invalid IPv4 CIDR for kubernetesNetworkConfig.serviceIPv4CIDR: invalid CIDR address: ${text}`,
      'write a block such as 10.100.0.0/16, outside the VPC CIDR',
    );
  }
  if (!PRIVATE_RANGES.some((range) => cidrContains(range, cidr))) {
    return problem(
      `kubernetesNetworkConfig.serviceIPv4CIDR ${cidr.canonical} is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, as EKS requires`,
      'choose a private block such as 10.100.0.0/16',
    );
  }
  if (cidr.prefix < 12 || cidr.prefix > 24) {
    return problem(
      `kubernetesNetworkConfig.serviceIPv4CIDR prefix must be between /12 and /24 for EKS, got /${cidr.prefix}`,
      'use a block from /12 to /24, e.g. 10.100.0.0/16',
    );
  }
  if (hasHostBits(cidr)) return [hostBits(ctx, path, cidr, text)];
  if (vpc !== undefined && cidrsOverlap(vpc, cidr)) {
    return problem(
      `kubernetesNetworkConfig.serviceIPv4CIDR ${cidr.canonical} overlaps ${vpcCidrName(ctx, vpc)}`,
      `choose a block outside the VPC, e.g. 10.100.0.0/16 (or 172.20.0.0/16 when the VPC is in 10.0.0.0/8)${ctx.config.vpc?.cidr === undefined ? ', or set vpc.cidr to another block' : ''}`,
    );
  }
  return [];
}
