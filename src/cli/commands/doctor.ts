import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
import { openAwsClients } from '../shared/aws.js';
import { loadConfigFile } from '../shared/config-file.js';
import { outputOption } from '../shared/options.js';

interface DoctorCliOptions {
  readonly configFile: string;
  readonly output: 'text' | 'json';
}

/**
 * `private-eks doctor -f FILE [-o text|json]` (SPEC §9): pre-flight checks, each ok, warn, fail
 * or skip with what to do. The report goes to stdout; config problems and `--verbose` call logs to
 * stderr. Exit 1 when a check fails or the config has errors.
 */
export function registerDoctor(program: Command, context: CommandContext, setExitCode: SetExitCode): void {
  program
    .command('doctor')
    .description(
      'pre-flight checks: credentials, region support, endpoint services per zone, proxy settings, reachability of the API server',
    )
    .requiredOption('-f, --config-file <file>', 'the eksctl ClusterConfig file; - reads stdin')
    .addOption(outputOption(['text', 'json']))
    .action(async (options: DoctorCliOptions) => {
      // Loaded on use: the AWS SDK is loaded by createAwsClients only.
      const problemsRender = await import('../render/problems.js');
      const doctor = await import('../../doctor/index.js');
      const { io } = context;
      const globals = context.globals();
      const color = useColor(io, globals.color);

      const loaded = await loadConfigFile(options.configFile, context);
      if (loaded.result.problems.length > 0) {
        io.stderr.write(
          problemsRender.renderProblemsText(loaded.result.problems, { source: loaded.result.source, color }),
        );
      }
      if (loaded.result.config === undefined) {
        io.stderr.write('doctor: the config has errors; running only the checks that need no valid config\n');
      }
      // The region as every command decides it: the file's, --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's.
      const clients = await openAwsClients(loaded.result.config?.metadata.region ?? loaded.fileRegion, context);
      const region = clients.region;
      if (globals.verbose === true) {
        clients.calls.onCall((e) => {
          const outcome = e.ok
            ? 'ok'
            : `${e.errorName ?? 'error'}${e.httpStatus === undefined ? '' : ` (HTTP ${e.httpStatus})`}`;
          io.stderr.write(
            `aws: ${e.action} ${outcome} in ${e.durationMs} ms${e.requestId === undefined ? '' : `, request ${e.requestId}`}\n`,
          );
        });
      }
      let report;
      try {
        report = await doctor.runDoctor({
          region,
          config: loaded.result.config ?? null,
          env: io.env,
          clients,
          signal: context.signal,
        });
      } finally {
        clients.destroy();
      }
      const file = problemsRender.displayFile(loaded.file);
      io.stdout.write(
        options.output === 'json'
          ? JSON.stringify(doctor.doctorJson(report, clients.calls.snapshot()), null, 2) + '\n'
          : doctor.renderDoctorText(report, { color: useColor(io, globals.color, io.stdout), file }),
      );
      setExitCode(report.ok && loaded.result.config !== undefined ? ExitCode.ok : ExitCode.failed);
    });
}
