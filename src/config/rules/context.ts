/**
 * What every rule of SPEC §3 receives, and the one way rules build a located Problem.
 */
import { formatPath, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import type { ResolvedConfig } from '../resolved.js';
import { problemAt, type ProblemSpec } from '../report.js';
import type { ClusterConfigFile } from '../schema.js';
import type { SourceMap } from '../source-map.js';

/** Where the region came from (V15, V20). */
export type RegionSource = 'file' | 'flag' | 'env' | 'none';

export interface RuleContext {
  /** The file after the field-name and type checks: only known fields, each of the right type. */
  readonly config: ClusterConfigFile;
  /** The same after SPEC §4 defaults. */
  readonly resolved: ResolvedConfig;
  readonly source: SourceMap;
  readonly file: string;
  readonly regionSource: RegionSource;
  /** Where a region of source `env` came from, for messages: `AWS_REGION`, a profile's region. */
  readonly defaultRegionFrom?: string;
  /** Paths (formatted) that already have a TYPE problem: rules stay silent about them. */
  readonly typeErrors: ReadonlySet<string>;
}

/** A rule of SPEC §3: pure, returns its problems (none when the config passes). */
export type Rule = (ctx: RuleContext) => Problem[];

/**
 * Where a problem points: at the entry's key (a field that should not be there), at its value (a
 * value that is wrong) or, for a field the file lacks, at the parent mapping.
 */
export type Anchor = 'key' | 'value' | 'missing';

export function report(ctx: RuleContext, anchor: Anchor, spec: ProblemSpec): Problem {
  const at =
    anchor === 'key'
      ? ctx.source.key(spec.path)
      : anchor === 'value'
        ? ctx.source.value(spec.path)
        : ctx.source.missing(spec.path);
  return problemAt(ctx.file, at, spec);
}

/** True when the value at `path`, or one holding it, had the wrong type (and was dropped). */
export function hasTypeError(ctx: RuleContext, path: FieldPath): boolean {
  for (let end = path.length; end > 0; end--) if (ctx.typeErrors.has(formatPath(path.slice(0, end)))) return true;
  return false;
}

/** The nodegroups of both kinds with the path prefix eksctl's messages use. */
export function eachNodeGroup(
  config: ClusterConfigFile,
): { readonly path: FieldPath; readonly ng: NonNullable<ClusterConfigFile['nodeGroups']>[number] }[] {
  return [
    ...(config.nodeGroups ?? []).map((ng, i) => ({ path: ['nodeGroups', i] as FieldPath, ng })),
    ...(config.managedNodeGroups ?? []).map((ng, i) => ({ path: ['managedNodeGroups', i] as FieldPath, ng })),
  ];
}
