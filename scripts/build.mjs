// Builds the library (tsc, with declarations) and the CLI bundle (esbuild).
// The CLI is bundled so `validate` starts fast; the AWS SDK and proxy agent stay external and are
// loaded only by the chunks of commands that talk to AWS.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/cli',
  bundle: true,
  // Commands that talk to AWS load their code with import(); with splitting those modules (and the
  // SDK they import) stay in separate chunks and are never loaded by validate or plan --offline.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@aws-sdk/*', '@smithy/*', 'proxy-agent'],
  // Bundled CommonJS dependencies (commander, yaml) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __peCreateRequire } from 'node:module'; const require = __peCreateRequire(import.meta.url);",
  },
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
});
