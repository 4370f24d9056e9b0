/** The AWS clients of a command: loaded on use, so commands that never call AWS never load the SDK. */
import type { BuiltAwsClients } from '../../aws/clients.js';
import type { CommandContext } from './context.js';

/** AWS clients for the region (SDK loaded here), destroyed after `use`. */
export async function withAwsClients<T>(
  region: string,
  context: CommandContext,
  use: (clients: BuiltAwsClients) => Promise<T>,
): Promise<T> {
  const { createAwsClients, resolveRegion } = await import('../../aws/clients.js');
  const globals = context.globals();
  const resolved = resolveRegion({ flag: globals.region, config: region, env: context.io.env });
  const clients = await createAwsClients({
    region: resolved,
    env: context.io.env,
    ...(globals.profile === undefined ? {} : { profile: globals.profile }),
  });
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
