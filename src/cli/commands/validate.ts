import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { readConfigFile } from '../shared/config-file.js';
import { outputOption } from '../shared/options.js';

interface ValidateOptions {
  readonly configFile: string;
  readonly output: 'text' | 'json';
}

/**
 * `private-eks validate -f FILE [-o text|json]`: parse, default and check a config file, plan it
 * offline and check its templates against CloudFormation's limits, without any AWS call (SPEC §1). Exit 0 when valid (warnings allowed), 1 when not, 2 for usage errors
 * (a file that cannot be opened included).
 */
export function registerValidate(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('validate')
    .description('read, default and check a config file; no AWS call')
    .requiredOption('-f, --config-file <file>', 'the eksctl ClusterConfig file; - reads stdin')
    .addOption(outputOption(['text', 'json']))
    .action(async (options: ValidateOptions) => {
      // Loaded on use: commands that never read a config do not pay for the YAML parser and schema.
      const render = await import('../render/problems.js');
      const { checkConfigOffline } = await import('../../validate/offline.js');
      const { io } = context;
      const globals = context.globals();
      // Read once (and the --region flag checked against the file), then the whole offline check,
      // as `plan --offline` makes it: one verdict for both.
      const { text, file, flagRegion } = await readConfigFile(options.configFile, context);
      const result = await checkConfigOffline({
        text,
        file,
        region: flagRegion,
        env: io.env,
      });

      if (options.output === 'json') {
        io.stdout.write(JSON.stringify(render.validationJson(result.problems), null, 2) + '\n');
      } else {
        const color = useColor(io, globals.color);
        io.stderr.write(render.renderProblemsText(result.problems, { source: result.source, color }));
        if (result.config !== undefined) {
          const { name, region } = result.config.metadata;
          io.stderr.write(`${render.displayFile(file)}: valid (cluster ${JSON.stringify(name)} in ${region})\n`);
        }
      }
      setExitCode(result.config === undefined ? ExitCode.failed : ExitCode.ok);
    });
}
