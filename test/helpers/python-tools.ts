import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PythonTools {
  /** The virtualenv's python, with moto[server] and cfn-lint installed. */
  readonly python: string;
  readonly cfnLint: string;
  /** Only when asked for (it lives in its own virtualenv). */
  readonly checkov?: string;
}

let ensured: { checkov: boolean } | undefined;

/**
 * Makes sure the pinned Python tools exist (scripts/setup-python.sh: idempotent, fast when the
 * virtualenv is current) and returns their paths. Fails loudly — never skips — when they cannot
 * be installed, so a test that needs the emulator or a linter cannot pass without running it.
 */
export function ensurePythonTools(options: { checkov?: boolean } = {}): PythonTools {
  const wantCheckov = options.checkov === true;
  if (ensured === undefined || (wantCheckov && !ensured.checkov)) {
    try {
      execFileSync('bash', [path.join(repoRoot, 'scripts/setup-python.sh'), ...(wantCheckov ? ['--checkov'] : [])], {
        cwd: repoRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (error) {
      throw new Error(
        `could not set up the Python tools (scripts/setup-python.sh): ${String(error)}; ` +
          'the tests need python3 with venv and access to PyPI',
        { cause: error },
      );
    }
    ensured = { checkov: wantCheckov || (ensured?.checkov ?? false) };
  }
  const venv = path.join(repoRoot, '.venv-aws/bin');
  const tools: PythonTools = {
    python: path.join(venv, 'python'),
    cfnLint: path.join(venv, 'cfn-lint'),
    ...(wantCheckov ? { checkov: path.join(repoRoot, '.venv-checkov/bin/checkov') } : {}),
  };
  for (const file of [tools.python, tools.cfnLint, ...(tools.checkov === undefined ? [] : [tools.checkov])]) {
    if (!existsSync(file)) throw new Error(`${file} is missing after scripts/setup-python.sh`);
  }
  return tools;
}
