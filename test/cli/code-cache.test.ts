/**
 * The commands' code caches (bin/private-eks.js): each command runs from one of two CommonJS
 * bundles with V8 cached data saved in the user's cache directory after a first run, one file per
 * command. A cache may only ever change how fast a command starts: the same output with it,
 * without it, with a corrupt one and with a cache directory that cannot be written. Which bundle
 * ran is seen from the names of the files the run leaves.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommand, runBuiltCli, type BuiltRun } from '../helpers/built-cli.js';
import { repoRoot } from '../helpers/python-tools.js';

const MINIMAL = path.join(repoRoot, 'examples', 'minimal.yaml');

/** Every cache file under `home`, relative to it. */
function cacheFiles(home: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.v8')) found.push(path.relative(home, full));
    }
  };
  walk(home);
  return found.sort();
}

function freshHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pe-cache-home-'));
}

const run = (home: string, args: string[], env: Record<string, string> = {}): Promise<BuiltRun> =>
  runBuiltCli(args, { env: { CI: 'true', HOME: home, ...env } });

describe(`the commands' code caches: ${cliCommand().describe}`, () => {
  it('validate saves one cache after its first run and uses it, unchanged, after', async () => {
    const home = freshHome();
    const first = await run(home, ['validate', '-f', MINIMAL]);
    expect(first.code, first.stderr).toBe(0);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(path.basename(files[0]!)).toMatch(
      new RegExp(`^offline-validate-${process.version}-${process.arch}-\\d+-\\d+\\.v8$`),
    );
    const saved = statSync(path.join(home, files[0]!));
    expect(saved.size).toBeGreaterThan(100_000);

    const second = await run(home, ['validate', '-f', MINIMAL]);
    expect(second).toEqual(first);
    // Accepted, so not written again.
    expect(statSync(path.join(home, files[0]!)).mtimeMs).toBe(saved.mtimeMs);
  });

  it('plan --offline has a cache of its own; commands that may call AWS run from the other bundle', async () => {
    const home = freshHome();
    const plan = await run(home, ['--color', 'never', 'plan', '-f', MINIMAL, '--offline', '-o', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ cluster: { metadata: { name: 'private-cluster' } } });
    expect((await run(home, ['--version'])).code).toBe(0);
    expect((await run(home, ['utils', 'schema'])).code).toBe(0);
    const names = cacheFiles(home).map((f) => path.basename(f).split(`-${process.version}`)[0]);
    expect(names.sort()).toEqual(['live', 'live-utils', 'offline-plan-offline']);
  });

  it("a live command's cache is used, unchanged, by its next run; a failed run saves none", async () => {
    const home = freshHome();
    const first = await run(home, ['utils', 'schema']);
    expect(first.code, first.stderr).toBe(0);
    const [file] = cacheFiles(home);
    expect(path.basename(file!)).toMatch(new RegExp(`^live-utils-${process.version}-${process.arch}-\\d+-\\d+\\.v8$`));
    const saved = statSync(path.join(home, file!));

    const second = await run(home, ['utils', 'schema']);
    expect(second).toEqual(first);
    expect(statSync(path.join(home, file!)).mtimeMs).toBe(saved.mtimeMs);

    // A mistyped command fails (usage error) and leaves no cache of its own.
    const typo = await run(home, ['utlis', 'schema']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'utlis'");
    expect(cacheFiles(home)).toEqual([file]);
  });

  it('a corrupt cache is refused by V8 and replaced; the output stays the same', async () => {
    const home = freshHome();
    const first = await run(home, ['validate', '-f', MINIMAL, '-o', 'json']);
    const [file] = cacheFiles(home);
    const garbage = Buffer.alloc(4096, 7);
    writeFileSync(path.join(home, file!), garbage);

    const again = await run(home, ['validate', '-f', MINIMAL, '-o', 'json']);
    expect(again).toEqual(first);
    expect(readFileSync(path.join(home, file!)).equals(garbage)).toBe(false);
    expect(cacheFiles(home)).toEqual([file]);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 turns it off; a cache directory that cannot be made changes nothing', async () => {
    const home = freshHome();
    const plain = await run(home, ['validate', '-f', MINIMAL], { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(plain.code, plain.stderr).toBe(0);
    expect(cacheFiles(home)).toEqual([]);

    // HOME is a file: no directory can be made under it.
    const notADirectory = path.join(freshHome(), 'home-is-a-file');
    writeFileSync(notADirectory, '');
    const unwritable = await run(notADirectory, ['validate', '-f', MINIMAL], { XDG_CACHE_HOME: '' });
    expect(unwritable).toEqual(plain);
  });
});
