/** `private-eks plan -f FILE [--offline] [-o text|json|yaml]`: the flags; the work is runPlan's. */
import type { Command } from 'commander';
import type { EndpointSwitchMode } from '../../plan/endpoint-access.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { endpointSwitchOption, outputOption } from '../shared/options.js';
import { runPlan, type PlanOutput } from '../shared/run-plan.js';

interface PlanFlags {
  readonly configFile: string;
  readonly offline?: boolean;
  readonly output: PlanOutput | 'table';
  readonly endpointSwitch: EndpointSwitchMode;
}

export function registerPlan(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('plan')
    .description(
      'show everything create would do: stacks, endpoints per zone, steps, endpoint access, cost; changes nothing',
    )
    .requiredOption('-f, --config-file <file>', 'the eksctl ClusterConfig file; - reads stdin')
    .option('--offline', 'use the built-in catalog instead of asking AWS (no credentials needed)')
    .addOption(
      outputOption(
        ['text', 'table', 'json', 'yaml', 'mermaid'],
        'output format (table = text; mermaid = the network as a flowchart)',
      ),
    )
    .addOption(endpointSwitchOption())
    .action(async (flags: PlanFlags) => {
      setExitCode(
        await runPlan(
          {
            configFile: flags.configFile,
            offline: flags.offline === true,
            output: flags.output === 'table' ? 'text' : flags.output,
            endpointSwitch: flags.endpointSwitch,
          },
          context,
        ),
      );
    });
}
