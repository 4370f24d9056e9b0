import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { CommandContext, SetExitCode } from '../shared/context.js';
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
      const { loadConfig, readConfigInput } = await import('../../config/index.js');
      const problemsRender = await import('../render/problems.js');
      const { createAwsClients } = await import('../../aws/clients.js');
      const doctor = await import('../../doctor/index.js');
      const { regionFromDocument } = await import('../../doctor/document-region.js');
      const { io } = context;
      const globals = context.globals();
      const color = useColor(io, globals.color);

      const input = await readConfigInput(options.configFile, io);
      const loaded = loadConfig({ text: input.bytes, file: input.file, region: globals.region, env: io.env });
      if (loaded.problems.length > 0) {
        io.stderr.write(problemsRender.renderProblemsText(loaded.problems, { source: loaded.source, color }));
      }
      // Same order as the config layer: the file, then --region, then AWS_REGION.
      const region =
        loaded.config?.metadata.region ??
        regionFromDocument(input.bytes) ??
        (globals.region?.trim() || undefined) ??
        (io.env['AWS_REGION']?.trim() || undefined);
      if (region === undefined) {
        io.stderr.write('doctor: no region to check (fix the config problems above, or pass --region)\n');
        setExitCode(ExitCode.failed);
        return;
      }
      if (loaded.config === undefined) {
        io.stderr.write('doctor: the config has errors; running only the checks that need no valid config\n');
      }

      const clients = await createAwsClients({
        region,
        env: io.env,
        ...(globals.profile === undefined ? {} : { profile: globals.profile }),
      });
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
          config: loaded.config ?? null,
          env: io.env,
          clients,
          signal: context.signal,
        });
      } finally {
        clients.destroy();
      }
      const file = problemsRender.displayFile(input.file);
      io.stdout.write(
        options.output === 'json'
          ? JSON.stringify(doctor.doctorJson(report, clients.calls.snapshot()), null, 2) + '\n'
          : doctor.renderDoctorText(report, { color, file }),
      );
      setExitCode(report.ok && loaded.config !== undefined ? ExitCode.ok : ExitCode.failed);
    });
}
