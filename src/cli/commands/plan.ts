/** `private-eks plan -f FILE [--offline] [-o text|json|yaml]`: the flags; the work is runPlan's. */
import { Option, type Command } from 'commander';
import type { EndpointSwitchMode } from '../../plan/endpoint-access.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
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
      new Option('-o, --output <format>', 'output format (table = text; mermaid = the network as a flowchart)')
        .choices(['text', 'table', 'json', 'yaml', 'mermaid'])
        .default('text'),
    )
    .addOption(
      new Option(
        '--endpoint-switch <mode>',
        'public endpoint during creation: auto (only when a step needs it), always, never',
      )
        .choices(['auto', 'always', 'never'])
        .default('auto'),
    )
    .action(async (flags: PlanFlags) => {
      const globals = context.globals();
      setExitCode(
        await runPlan(
          {
            configFile: flags.configFile,
            offline: flags.offline === true,
            output: flags.output === 'table' ? 'text' : flags.output,
            endpointSwitch: flags.endpointSwitch,
            region: globals.region,
            profile: globals.profile,
            color: globals.color,
          },
          context.io,
        ),
      );
    });
}
