/**
 * Rules on `metadata` (SPEC §3): V15 name and region, V20 regions without fully-private clusters
 * (offline part), and the Kubernetes version (VALUE).
 */
import { REGIONS } from '../region-catalog.js';
import { didYouMean } from '../suggest.js';
import type { FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { REGION_NAME, REGIONS_WITHOUT_PRIVATE_CLUSTERS } from '../regions.js';
import { quote } from '../report.js';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../versions.js';
import { hasTypeError, report, type RuleContext } from './context.js';
import { NAME_PATTERN, invalidNameMessage } from './nodegroups.js';

const METADATA: FieldPath = ['metadata'];
const NAME: FieldPath = ['metadata', 'name'];
const REGION: FieldPath = ['metadata', 'region'];
const VERSION: FieldPath = ['metadata', 'version'];

/** EKS's limit on cluster names. */
const MAX_NAME_LENGTH = 100;

const REGION_FROM: Record<'flag' | 'env', string> = { flag: '--region', env: 'AWS_REGION' };

/** V15: a valid cluster name, and a region from the file, `--region` or AWS_REGION. */
export function v15NameAndRegion(ctx: RuleContext): Problem[] {
  if (ctx.config.metadata === undefined) {
    // eksctl stops at the missing block (configfile.go), before naming its fields.
    if (hasTypeError(ctx, METADATA)) return [];
    return [
      report(ctx, 'missing', {
        rule: 'V15',
        path: METADATA,
        message: 'metadata must be set',
        hint: 'add metadata: {name: my-cluster, region: us-west-2} (the region is read from the file, as in eksctl)',
      }),
    ];
  }
  const problems: Problem[] = [];
  const name = ctx.config.metadata?.name;
  if ((name ?? '') === '' && !hasTypeError(ctx, NAME)) {
    problems.push(
      report(ctx, name === undefined ? 'missing' : 'value', {
        rule: 'V15',
        path: NAME,
        message: 'metadata.name must be set',
        hint: 'name the cluster: metadata: {name: my-cluster}',
      }),
    );
  } else if (name !== undefined && !NAME_PATTERN.test(name)) {
    problems.push(
      report(ctx, 'value', {
        rule: 'V15',
        path: NAME,
        message: invalidNameMessage(name),
        hint: 'use letters, digits and dashes only',
      }),
    );
  } else if (name !== undefined && name.length > MAX_NAME_LENGTH) {
    problems.push(
      report(ctx, 'value', {
        rule: 'V15',
        path: NAME,
        message: `metadata.name is ${name.length} characters long; EKS allows at most ${MAX_NAME_LENGTH}`,
        hint: 'shorten the name',
      }),
    );
  }

  const region = ctx.resolved.metadata.region;
  if (ctx.regionSource !== 'file') {
    // eksctl reads the region of a config file from the file only (--region is refused with -f).
    if (!hasTypeError(ctx, REGION)) {
      const elsewhere =
        ctx.regionSource === 'flag' || ctx.regionSource === 'env'
          ? `add region: ${region} under metadata (${REGION_FROM[ctx.regionSource]} is not read for a config file, as in eksctl)`
          : 'add region: us-west-2 (for example) under metadata';
      problems.push(
        report(ctx, 'missing', {
          rule: 'V15',
          path: REGION,
          message: 'metadata.region must be set',
          hint: elsewhere,
        }),
      );
    }
  } else if (!REGION_NAME.test(region)) {
    problems.push(
      report(ctx, 'value', {
        rule: 'V15',
        path: REGION,
        message: `metadata.region ${quote(region)} is not an AWS region name`,
        hint: 'write a region such as us-west-2 or eu-central-1',
      }),
    );
  } else if (!REGIONS.some((r) => r.name === region)) {
    problems.push(unknownRegion(ctx, region));
  }
  return problems;
}

/**
 * A well-formed name that is not in the region catalog: a typo (`us-wst-2`) would otherwise be
 * planned as zones `us-wst-2a…` and fail only at the first AWS call. eksctl refuses regions it
 * does not list, too.
 */
function unknownRegion(ctx: RuleContext, region: string): Problem {
  const guess = didYouMean(
    region,
    REGIONS.map((r) => r.name),
  );
  return report(ctx, 'value', {
    rule: 'V15',
    path: REGION,
    message: `metadata.region ${quote(region)} is not an AWS region private-eks knows${guess === undefined ? '' : `; did you mean ${quote(guess)}?`}`,
    hint: `${guess === undefined ? 'write an AWS region such as us-west-2 or eu-central-1' : `write ${guess}`}; a region AWS opened after this release of private-eks needs a newer private-eks`,
  });
}

/** V20 (offline part): regions known to lack a required endpoint service; planning asks AWS for the rest. */
export function v20RegionSupport(ctx: RuleContext): Problem[] {
  const region = ctx.resolved.metadata.region;
  const gap = REGIONS_WITHOUT_PRIVATE_CLUSTERS.find((g) => g.region === region);
  if (gap === undefined) return [];
  const missing =
    gap.missing.length > 0
      ? `: no VPC endpoint service for ${gap.missing.join(', ')}`
      : ': a required VPC endpoint service is not offered there (per eksctl; `private-eks doctor` asks AWS which)';
  return [
    report(ctx, ctx.regionSource === 'file' ? 'value' : 'missing', {
      rule: 'V20',
      path: REGION,
      message: `fully-private clusters are not supported in region ${quote(region)}${missing}`,
      hint: 'choose another region',
    }),
  ];
}

/** VALUE: a Kubernetes version EKS offers (eksctl's message). */
export function kubernetesVersion(ctx: RuleContext): Problem[] {
  const version = ctx.config.metadata?.version;
  if (version === undefined || SUPPORTED_KUBERNETES_VERSIONS.includes(version)) return [];
  return [
    report(ctx, 'value', {
      rule: 'VALUE',
      path: VERSION,
      message: `invalid version, supported values: ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`,
      hint: `write version: "${SUPPORTED_KUBERNETES_VERSIONS.at(-1)!}" (quoted), or leave it out for the newest`,
    }),
  ];
}
