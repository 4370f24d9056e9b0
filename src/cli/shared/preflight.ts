/**
 * Checks `create` and `plan` make before acting, so that what `doctor` would say is said at the
 * moment it matters (issue 12 item 5):
 * - the proxy warnings (a proxy without `.eks.amazonaws.com` in NO_PROXY…), doctor's own check;
 * - the OIDC issuer's TLS chain when a proxy sits on the way to it: an intercepting proxy would
 *   make the cluster's OIDC provider trust the proxy's certificate, so create refuses;
 * - before the API server is opened to the internet: what, why and how long, confirmed on a
 *   terminal, or `--approve`; without a terminal and without `--approve`, refused.
 */
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../../errors.js';
import type { EndpointAccessDecision } from '../../plan/types.js';
import type { CliIo } from '../io.js';
import type { CommandContext } from './context.js';

/** Prints doctor's proxy warnings on stderr; never stops the command. */
export async function warnAboutProxies(io: CliIo, region: string): Promise<void> {
  const { proxyWarnings } = await import('../../aws/proxy-warnings.js');
  for (const warning of proxyWarnings({ env: io.env, region })) {
    io.stderr.write(`warning: ${warning.message}\n  fix: ${warning.fix}\n`);
  }
}

/**
 * When HTTPS to the region's OIDC issuer goes through a proxy, reads the issuer's chain through
 * it; a chain that does not lead to AWS's roots (TLS interception) stops the create before
 * anything is made. Other failures (no route, a timeout) are warnings: the create does not need
 * the connection itself.
 */
export async function checkOidcInterception(context: CommandContext, region: string): Promise<void> {
  const { oidcIssuerHost, fetchOidcThumbprint } = await import('../../aws/tls-thumbprint.js');
  const { readProxySettings, routeForUrl } = await import('../../aws/proxy.js');
  const host = oidcIssuerHost(region);
  const route = routeForUrl(`https://${host}/`, readProxySettings(context.io.env));
  if (route.proxy === null) return;
  try {
    await fetchOidcThumbprint({ host, env: context.io.env, timeoutMs: 5_000, signal: context.signal });
  } catch (error) {
    const { PrivateEksError } = await import('../../errors.js');
    if (PrivateEksError.isPrivateEksError(error) && error.code === 'PE_TLS_INTERCEPTED') throw error;
    const { redactProxySecrets } = await import('../../aws/redact.js');
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    context.io.stderr.write(
      redactProxySecrets(
        `warning: could not check the TLS chain of ${host} through the proxy (${reason}); ` +
          `run \`private-eks doctor\` to see whether the proxy intercepts TLS\n`,
        context.io.env,
      ),
    );
  }
}

/** Whether the user may be asked: stdin and stderr are both a terminal. */
function interactive(context: CommandContext): boolean {
  return Boolean((context.io.stdin as { isTTY?: boolean }).isTTY) && Boolean(context.io.stderr.isTTY);
}

/**
 * Says what opening public access means and gets a yes: `--approve`, or `y` on a terminal.
 * Refuses (a usage error, before anything is created) without a terminal and without `--approve`.
 */
export async function confirmPublicWindow(
  context: CommandContext,
  decision: EndpointAccessDecision,
  approved: boolean,
): Promise<void> {
  const { publicWindowStatement } = await import('../../deploy/endpoint-access.js');
  const statement = publicWindowStatement(decision);
  if (statement === undefined) return;
  context.io.stderr.write(`${statement}\n`);
  if (approved) {
    context.io.stderr.write('  approved with --approve\n');
    return;
  }
  const refusal = (why: string) =>
    new UsageError(`public access to the API server not approved: ${why}`, {
      hint: 'add --approve to accept it, or --endpoint-switch=never to keep the cluster private-only from the start',
    });
  if (!interactive(context)) throw refusal('no terminal to ask on');
  const prompt = createInterface({ input: context.io.stdin, output: context.io.stderr, terminal: true });
  try {
    const answer = await prompt.question('Open public access for the create? [y/N] ', { signal: context.signal });
    if (!/^y(es)?$/i.test(answer.trim())) throw refusal(`the answer was "${answer.trim() || 'no'}"`);
  } finally {
    prompt.close();
  }
}
