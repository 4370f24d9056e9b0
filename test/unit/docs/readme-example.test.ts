/**
 * The README's library example is real code: its two TypeScript blocks type-check against the
 * public API (src/index.ts, as the package's `private-eks` import), and the first one runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MARKER = '<!-- library-example:';

function exampleBlocks(): [string, string] {
  const readme = readFileSync('README.md', 'utf8');
  const after = readme.slice(readme.indexOf(MARKER));
  const blocks = [...after.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(readme.includes(MARKER) && blocks.length >= 2, 'README.md has the marked library example').toBe(true);
  return [blocks[0]!, blocks[1]!];
}

const INDEX = resolve('src/index.ts');

describe("README's library example", () => {
  it('type-checks against the public API', { timeout: 240_000 }, () => {
    const [plan, create] = exampleBlocks();
    const createImports = create.match(/^import .*;$/gm) ?? [];
    const source = [...createImports, plan, create.replace(/^import .*;$/gm, '')].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'pe-readme-'));
    try {
      const file = join(dir, 'example.mts');
      writeFileSync(file, source);
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        resolveJsonModule: true,
        types: ['node'],
        typeRoots: [resolve('node_modules/@types')],
        baseUrl: dir,
        paths: { 'private-eks': [INDEX] },
      };
      const program = ts.createProgram([file], options);
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file?.fileName === file || d.file === undefined)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs: prints the plan, the network as Mermaid and each template', { timeout: 120_000 }, () => {
    const [plan] = exampleBlocks();
    const dir = mkdtempSync(join(tmpdir(), 'pe-readme-'));
    try {
      const file = join(dir, 'example.mts');
      writeFileSync(file, plan.replace(/from 'private-eks'/g, `from ${JSON.stringify(INDEX)}`));
      const run = spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), file], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Plan for cluster "private-cluster"');
      expect(run.stdout).toContain('flowchart TB');
      expect(run.stdout).toMatch(/eksctl-private-cluster-cluster: \d+ resources/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
