import { processIo } from './io.js';
import { runCli } from './program.js';

// The one place that sets the process's exit code (SPEC §1 codes). A first Ctrl-C aborts the
// running command (deploy code stops waiting, CloudFormation carries on); a second one exits.
const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.kill(process.pid, 'SIGKILL');
  controller.abort();
});

process.exitCode = await runCli(process.argv.slice(2), processIo(), controller.signal);
