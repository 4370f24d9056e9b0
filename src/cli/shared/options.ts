/** Options several commands take, defined once so they read the same in every `--help`. */
import { InvalidArgumentError, Option } from 'commander';

export type DataFormat = 'json' | 'yaml';

/** `-o, --output` with the given formats; the first is the default. */
export function outputOption<const F extends string>(
  formats: readonly [F, ...F[]],
  description = 'output format',
): Option {
  return new Option('-o, --output <format>', description).choices(formats).default(formats[0]);
}

/** `--parallelism <n>`: 1 to 64, default 8. */
export function parallelismOption(what: string): Option {
  return new Option('--parallelism <n>', `${what} at once`).argParser(parseParallelism).default(8);
}

export function parseParallelism(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
}

/** `--endpoint-switch`: whether the API server is public while the cluster is being created. */
export function endpointSwitchOption(): Option {
  return new Option(
    '--endpoint-switch <mode>',
    'public endpoint during creation: auto (only when a step needs it), always, never',
  )
    .choices(['auto', 'always', 'never'])
    .default('auto');
}

/** `--kubeconfig <path>` with what the command does to it. */
export function kubeconfigOption(action: string): Option {
  return new Option(
    '--kubeconfig <path>',
    `kubeconfig to ${action} (default: first path of $KUBECONFIG, else ~/.kube/config)`,
  );
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration as eksctl's flags take it (Go's syntax: `10s`, `1m30s`, `500ms`, `0s`), in milliseconds. */
export function parseDuration(value: string): number {
  const parts = [...value.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value.trim())
    throw new InvalidArgumentError('a duration such as 10s, 1m30s or 500ms');
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * (DURATION_UNITS_MS[p[2] ?? 's'] ?? 1000), 0));
}
