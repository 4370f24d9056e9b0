/** The AWS clients of a command: loaded on use, so commands that never call AWS never load the SDK. */
import type { BuiltAwsClients } from '../../aws/clients.js';
import type { CommandContext } from './context.js';
import { commandRegion } from './region.js';

/**
 * AWS clients for the command (SDK loaded here). `fileRegion`: the config file's region, if the
 * command has one; the region is then decided as every command decides it (region.ts). A
 * `--profile` or AWS_PROFILE that names no profile is refused here, before any AWS call.
 */
export async function openAwsClients(
  fileRegion: string | undefined,
  context: CommandContext,
): Promise<BuiltAwsClients> {
  const [{ createAwsClients }, { assertProfileExists }] = await Promise.all([
    import('../../aws/clients.js'),
    import('../../aws/shared-config.js'),
  ]);
  const globals = context.globals();
  await assertProfileExists(globals.profile, context.io.env);
  const region = await commandRegion(context, fileRegion);
  return createAwsClients({
    region,
    env: context.io.env,
    ...(globals.profile === undefined ? {} : { profile: globals.profile }),
  });
}

/** openAwsClients, destroyed after `use`. */
export async function withAwsClients<T>(
  fileRegion: string | undefined,
  context: CommandContext,
  use: (clients: BuiltAwsClients) => Promise<T>,
): Promise<T> {
  const clients = await openAwsClients(fileRegion, context);
  try {
    return await use(clients);
  } finally {
    clients.destroy();
  }
}

/** `{ profile }` when `--profile` was given, for the deploy layer's kubeconfig and hints. */
export function profileOf(context: CommandContext): { profile?: string } {
  const profile = context.globals().profile;
  return profile === undefined ? {} : { profile };
}
