/** Reading the config file for a command: validated, or only the cluster's name and region. */
import type { LoadConfigResult, Problem } from '../../config/index.js';
import { UsageError } from '../../errors.js';
import { useColor } from '../io.js';
import type { CommandContext } from './context.js';
import { checkRegionFlag } from './region.js';

/** Problems as `validate` prints them (source line, caret, hint), on stderr. */
export async function printProblems(
  context: CommandContext,
  problems: readonly Problem[],
  source?: string,
): Promise<void> {
  if (problems.length === 0) return;
  const { renderProblemsText } = await import('../render/problems.js');
  context.io.stderr.write(
    renderProblemsText(problems, {
      color: useColor(context.io, context.globals().color),
      ...(source === undefined ? {} : { source }),
    }),
  );
}

/**
 * Reads the file (or stdin) for a command and checks `--region` against its `metadata.region`
 * (as in eksctl, a `--region` that contradicts the file is a usage error, before any AWS call).
 * Without `--region` there is nothing to compare, and the YAML is parsed once, by the caller.
 */
export async function readConfigFile(
  file: string,
  context: CommandContext,
): Promise<{ text: Uint8Array; file: string; flagRegion: string | undefined }> {
  const { readConfigInput } = await import('../../config/index.js');
  const input = await readConfigInput(file, context.io);
  const flagRegion = context.globals().region?.trim() || undefined;
  if (flagRegion !== undefined) {
    const { regionFromDocument } = await import('../../doctor/document-region.js');
    checkRegionFlag(context, regionFromDocument(input.bytes), input.file === '-' ? '<stdin>' : input.file);
  }
  return { text: input.bytes, file: input.file, flagRegion };
}

/**
 * Reads and validates the file; the caller prints its problems. The region is the file's
 * `metadata.region` (as in eksctl); a `--region` that contradicts it is a usage error, before any
 * AWS call.
 */
export async function loadConfigFile(
  file: string,
  context: CommandContext,
): Promise<{ result: LoadConfigResult; text: Uint8Array; file: string; fileRegion: string | undefined }> {
  const [{ loadConfig }, read] = await Promise.all([import('../../config/index.js'), readConfigFile(file, context)]);
  const result = loadConfig({ text: read.text, file: read.file, region: read.flagRegion, env: context.io.env });
  // A valid config's region is the file's (metadata.region must be set there); only a file with
  // errors is parsed again for it.
  const fileRegion =
    result.config !== undefined
      ? result.config.metadata.region
      : (await import('../../doctor/document-region.js')).regionFromDocument(read.text);
  return { result, text: read.text, file: read.file, fileRegion };
}

/**
 * The cluster a command acts on, from `--name` or from the file's `metadata.name` and
 * `metadata.region` only, so a file that no longer validates (a newer field, a changed rule) can
 * still name the cluster it created.
 */
export async function clusterTarget(
  options: { configFile?: string; name?: string },
  context: CommandContext,
): Promise<{ name: string; region?: string }> {
  if (options.configFile !== undefined && options.name !== undefined) {
    throw new UsageError('give either -f FILE or --name NAME, not both');
  }
  if (options.name !== undefined) return { name: options.name };
  if (options.configFile === undefined)
    throw new UsageError('which cluster? give -f FILE or --name NAME (with --region)');
  const [{ readConfigInput }, { parse }] = await Promise.all([import('../../config/index.js'), import('./yaml.js')]);
  const input = await readConfigInput(options.configFile, context.io);
  let doc: unknown;
  try {
    doc = parse(Buffer.from(input.bytes).toString('utf8'));
  } catch (error) {
    throw new UsageError(`${input.file} is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const metadata = (
    typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['metadata'] : undefined
  ) as Record<string, unknown> | undefined;
  const name = metadata?.['name'];
  const region = metadata?.['region'];
  if (typeof name !== 'string' || name === '') throw new UsageError(`${input.file} has no metadata.name`);
  return typeof region === 'string' && region !== '' ? { name, region } : { name };
}
