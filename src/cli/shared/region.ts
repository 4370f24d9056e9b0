/**
 * The region of a command, decided the same way by every command (src/aws/clients.ts
 * resolveRegion says how): the file's, `--region`, then AWS_REGION, AWS_DEFAULT_REGION and the
 * profile's region. A `--region` that contradicts the file is refused before anything else runs.
 */
import { regionContradiction, resolveRegion } from '../../aws/clients.js';
import type { RegionChoice } from '../../aws/shared-config.js';
import { REGIONS } from '../../config/region-catalog.js';
import { didYouMean } from '../../config/suggest.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from './context.js';

/** Throws when `--region` and the file's `metadata.region` disagree. */
export function checkRegionFlag(context: CommandContext, fileRegion: string | undefined, file?: string): void {
  const flag = context.globals().region?.trim();
  if (flag && fileRegion !== undefined && flag !== fileRegion) throw regionContradiction(flag, fileRegion, file);
}

/** The default region (neither file nor flag): AWS_REGION, AWS_DEFAULT_REGION, the profile's. */
export async function defaultRegionOf(context: CommandContext): Promise<RegionChoice | undefined> {
  const { defaultRegion } = await import('../../aws/shared-config.js');
  return defaultRegion(context.globals().profile, context.io.env);
}

/**
 * The region for AWS calls; `fileRegion` is the file's (or the resolved config's) region. A region
 * not from a file is checked against the region catalog here (a file's is checked by rule V15).
 */
export async function commandRegion(context: CommandContext, fileRegion: string | undefined): Promise<string> {
  const flag = context.globals().region?.trim() || undefined;
  checkRegionFlag(context, fileRegion);
  const fallback = flag === undefined && fileRegion === undefined ? await defaultRegionOf(context) : undefined;
  const region = resolveRegion({ flag, config: fileRegion, env: context.io.env, fallback });
  if (fileRegion === undefined)
    checkKnownRegion(region, flag !== undefined ? '--region' : (fallback?.from ?? 'AWS_REGION'));
  return region;
}

/** An unknown region name (`us-wst-2`) is refused with the closest known one, as V15 does for a file. */
function checkKnownRegion(region: string, from: string): void {
  if (REGIONS.some((r) => r.name === region)) return;
  const guess = didYouMean(
    region,
    REGIONS.map((r) => r.name),
  );
  throw new UsageError(
    `${from} "${region}" is not an AWS region private-eks knows${guess === undefined ? '' : `; did you mean "${guess}"?`}`,
    {
      hint: `${guess === undefined ? 'use an AWS region such as us-west-2 or eu-central-1' : `use ${guess}`}; a region AWS opened after this release of private-eks needs a newer private-eks`,
    },
  );
}
