/**
 * Security of the kubeconfig writer against the real file system: no predictable temporary file,
 * symlinks kept, mode 0600, concurrent writers in separate processes (the lock).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeKubeconfigEntries, withKubeconfigLock, writeKubeconfigEntry } from '../../../src/kubeconfig/file.js';

let dir: string;
// The writer script bundled once: a plain `node` start per process, not a TypeScript compile.
let writerBundle: string;
let bundleDir: string;
beforeAll(async () => {
  bundleDir = mkdtempSync(path.join('node_modules', '.cache-kubeconfig-writer-'));
  writerBundle = path.join(bundleDir, 'writer.mjs');
  await build({
    entryPoints: ['test/helpers/kubeconfig-writer.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // yaml resolves from the repository's node_modules: the bundle sits next to them.
    packages: 'external',
    outfile: writerBundle,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'private-eks-kubeconfig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (cluster: string) => ({
  clusterName: cluster,
  region: 'us-west-2',
  endpoint: `https://${cluster}.gr7.us-west-2.eks.amazonaws.com`,
  certificateAuthorityData: 'Q0E=',
});
const contexts = (file: string): string[] =>
  ((parse(readFileSync(file, 'utf8')) as { contexts?: { name: string }[] }).contexts ?? []).map((c) => c.name).sort();

describe('kubeconfig writes', () => {
  it('never follows a file planted at a temporary name (the old name was .config.private-eks-PID.tmp)', async () => {
    const file = path.join(dir, 'config');
    const victim = path.join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, path.join(dir, `.config.private-eks-${process.pid}.tmp`));
    await writeKubeconfigEntry(file, entry('a'));
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(contexts(file)).toHaveLength(1);
    // Only the kubeconfig, the planted link and the victim: no temporary file or lock left.
    expect(readdirSync(dir).sort()).toEqual([`.config.private-eks-${process.pid}.tmp`, 'config', 'victim']);
  });

  it('writes mode 0600 whatever the umask and the old file mode', async () => {
    const file = path.join(dir, 'config');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\n', { mode: 0o644 });
    const umask = process.umask(0);
    try {
      await writeKubeconfigEntry(file, entry('a'));
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('updates a symlinked kubeconfig at its target and keeps the link', async () => {
    const dotfiles = path.join(dir, 'dotfiles');
    mkdirSync(dotfiles);
    mkdirSync(path.join(dir, '.kube'));
    const real = path.join(dotfiles, 'kubeconfig');
    writeFileSync(real, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    const link = path.join(dir, '.kube', 'config');
    symlinkSync('../dotfiles/kubeconfig', link);
    await writeKubeconfigEntry(link, entry('a'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(contexts(real)).toHaveLength(1);
    expect(await removeKubeconfigEntries(link, 'a', 'us-west-2')).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(contexts(real)).toEqual([]);
  });

  it('creates the target of a dangling symlink', async () => {
    const link = path.join(dir, 'config');
    symlinkSync('real-config', link);
    await writeKubeconfigEntry(link, entry('a'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(contexts(path.join(dir, 'real-config'))).toHaveLength(1);
  });

  it('takes over a lock left by a process that is gone, and waits for a live one', async () => {
    const file = path.join(dir, 'config');
    writeFileSync(`${file}.lock`, '999999999\n');
    await writeKubeconfigEntry(file, entry('a'));
    expect(existsSync(`${file}.lock`)).toBe(false);

    let released = false;
    const holder = withKubeconfigLock(file, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeKubeconfigEntry(file, entry('b'));
    expect(released).toBe(true);
    await holder;
    expect(contexts(file)).toHaveLength(2);
  });

  it('loses no entry with concurrent writers in separate processes', async () => {
    const writers = 8;
    const rounds = 2;
    for (let round = 0; round < rounds; round += 1) {
      const file = path.join(dir, `config-${round}`);
      const children = Array.from({ length: writers }, (_, i) =>
        spawn(process.execPath, [writerBundle, file, `c${i}`], {
          stdio: ['ignore', 'ignore', 'pipe'],
        }),
      );
      const exits = children.map(
        (child) =>
          new Promise<string>((resolve) => {
            let err = '';
            child.stderr.on('data', (b: Buffer) => (err += b.toString()));
            child.on('exit', (code) => resolve(code === 0 ? '' : `exit ${code}: ${err}`));
          }),
      );
      // Every writer is loaded and polling before they are let go together.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      writeFileSync(`${file}.go`, '');
      expect((await Promise.all(exits)).filter((e) => e !== '')).toEqual([]);
      expect(contexts(file)).toHaveLength(writers);
      expect(readdirSync(dir).filter((f) => f.startsWith(`.config-${round}`) || f.endsWith('.lock'))).toEqual([]);
    }
  }, 60_000);
});
