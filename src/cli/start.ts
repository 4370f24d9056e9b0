import { processIo } from './io.js';
import { runCli } from './program.js';

/**
 * Runs the command line and sets the process's exit code: the one place that does (SPEC §1
 * codes). Both bundles start here: dist/cli/live.cjs and dist/cli/offline.cjs (see
 * bin/private-eks.js); src/cli/main.ts runs it from the sources.
 *
 * A first Ctrl-C aborts the running command (deploy code stops waiting, CloudFormation carries
 * on); a second one exits. SIGTERM (a CI job cancelled, `timeout`, a container stopped) and SIGHUP
 * (the terminal closed) are handled the same way, so they too end with exit 3 and the "re-run to
 * resume" message instead of dying silently with 143.
 */
export async function start(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.kill(process.pid, 'SIGKILL');
    controller.abort();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, interrupt);
  process.exitCode = await runCli([...argv], processIo(), controller.signal);
}
