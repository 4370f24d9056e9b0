/**
 * The built CLI (bundle or installed tarball, test/helpers/built-cli.ts) for every command that
 * needs no AWS, in every output format, plus the bugs a new user met in the bundle and not in the
 * sources: `plan -o yaml` crashing, `--dry-run --out-dir` writing nothing, `--region` next to
 * `-f` ignored, unknown regions and profiles accepted, help citing a document users do not have.
 * Each format's output is parsed (JSON, YAML) or matched, not only its exit code.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { childEnv, cliCommand, runBuiltCli } from '../helpers/built-cli.js';
import { repoRoot } from '../helpers/python-tools.js';
import { recordCombination } from './combinations.js';

const MINIMAL = path.join(repoRoot, 'examples', 'minimal.yaml');
const OFFLINE_ENV = { CI: 'true' };

describe(`built CLI without AWS: ${cliCommand().describe}`, () => {
  it('--version and --help; help and hints never cite SPEC', async () => {
    const version = await runBuiltCli(['--version']);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const helps = [
      [],
      ['validate'],
      ['plan'],
      ['create', 'cluster'],
      ['create', 'nodegroup'],
      ['get', 'cluster'],
      ['delete', 'cluster'],
      ['doctor'],
      ['utils', 'schema'],
      ['utils', 'write-kubeconfig'],
      ['completion'],
    ];
    for (const command of helps) {
      const run = await runBuiltCli([...command, '--help']);
      expect(run.code, command.join(' ')).toBe(0);
      expect(run.stdout).toContain('Usage: private-eks');
      expect(run.stdout).not.toMatch(/SPEC|§/);
    }
  });

  it('a command registered alone (its first word given) has the help it has among all of them', async () => {
    // `help WORD` names no command module, so the program registers every command; `WORD --help`
    // registers only WORD's. Both must print the same text, subcommand lists included.
    const top = await runBuiltCli(['--help']);
    const commands = top.stdout.slice(top.stdout.indexOf('Commands:'));
    const words = [...commands.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((w) => w !== 'help');
    expect(words).toEqual(
      expect.arrayContaining(['validate', 'plan', 'create', 'get', 'delete', 'utils', 'completion']),
    );
    for (const word of words) {
      const alone = await runBuiltCli([word, '--help']);
      const amongAll = await runBuiltCli(['help', word]);
      expect(alone.code, word).toBe(0);
      expect(alone.stdout, word).toBe(amongAll.stdout);
    }
    const mistyped = await runBuiltCli(['valdate', '-f', MINIMAL]);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('(Did you mean validate?)');
    // The completion script is made from every command, whichever word asked for it.
    const completion = await runBuiltCli(['completion', 'bash']);
    for (const word of words) expect(completion.stdout, word).toContain(word);
    expect(completion.stdout).toContain('/get/nodegroup');
  });

  it('output into a pipe whose reader has gone (`plan -o json | head -1`) ends quietly with the exit code of the command', async () => {
    const { file, args } = cliCommand();
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(file, [...args, 'plan', '-f', MINIMAL, '--offline', '-o', 'json'], {
        cwd: repoRoot,
        env: childEnv(OFFLINE_ENV),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The reader goes before the command writes anything: its first write meets EPIPE.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('validate: text and json', async () => {
    const text = await runBuiltCli(['validate', '-f', MINIMAL], { env: OFFLINE_ENV });
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('valid (cluster "private-cluster" in us-west-2)');
    recordCombination('validate', 'text');
    const json = await runBuiltCli(['validate', '-f', MINIMAL, '-o', 'json'], { env: OFFLINE_ENV });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true });
    recordCombination('validate', 'json');
  });

  it('plan --offline: text, table, json, yaml and mermaid', async () => {
    for (const format of ['text', 'table']) {
      const run = await runBuiltCli(['plan', '-f', MINIMAL, '--offline', '-o', format], { env: OFFLINE_ENV });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Plan for cluster "private-cluster"');
      recordCombination('plan', format);
    }
    const json = await runBuiltCli(['plan', '-f', MINIMAL, '--offline', '-o', 'json'], { env: OFFLINE_ENV });
    expect(json.code, json.stderr).toBe(0);
    const fromJson = JSON.parse(json.stdout) as { endpoints: unknown[]; stacks: unknown[] };
    expect(fromJson.endpoints.length).toBeGreaterThan(0);
    recordCombination('plan', 'json');
    const yaml = await runBuiltCli(['plan', '-f', MINIMAL, '--offline', '-o', 'yaml'], { env: OFFLINE_ENV });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(parse(yaml.stdout)).toEqual(fromJson);
    recordCombination('plan', 'yaml');
    const mermaid = await runBuiltCli(['plan', '-f', MINIMAL, '--offline', '-o', 'mermaid'], { env: OFFLINE_ENV });
    expect(mermaid.code, mermaid.stderr).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart/m);
    recordCombination('plan', 'mermaid');
  });

  it('create cluster --dry-run --offline: text, json, yaml; --out-dir writes every template', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-outdir-'));
    const text = await runBuiltCli(['create', 'cluster', '-f', MINIMAL, '--dry-run', '--offline', '--out-dir', out], {
      env: OFFLINE_ENV,
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Plan for cluster "private-cluster"');
    const files = readdirSync(out).sort();
    // eksctl's default add-ons (vpc-cni, kube-proxy, coredns, metrics-server) have their own stack.
    expect(files).toEqual([
      'eksctl-private-cluster-addons.json',
      'eksctl-private-cluster-cluster.json',
      'eksctl-private-cluster-nodegroup-m1.json',
      'eksctl-private-cluster-nodegroup-ng1.json',
    ]);
    for (const file of files) {
      const template = JSON.parse(readFileSync(path.join(out, file), 'utf8')) as { Resources: object };
      expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
    }
    expect(text.stderr).toContain(`4 templates written to ${out}`);
    recordCombination('create cluster --dry-run', 'text');
    const json = await runBuiltCli(['create', 'cluster', '-f', MINIMAL, '--dry-run', '--offline', '-o', 'json'], {
      env: OFFLINE_ENV,
    });
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout) as { stacks: { name: string; template: { Resources: object } }[] };
    expect(document.stacks.map((s) => s.name).sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')));
    for (const stack of document.stacks) {
      expect(stack.template).toEqual(JSON.parse(readFileSync(path.join(out, `${stack.name}.json`), 'utf8')));
    }
    recordCombination('create cluster --dry-run', 'json');
    const yaml = await runBuiltCli(['create', 'cluster', '-f', MINIMAL, '--dry-run', '--offline', '-o', 'yaml'], {
      env: OFFLINE_ENV,
    });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(parse(yaml.stdout)).toEqual(document);
    recordCombination('create cluster --dry-run', 'yaml');
  });

  it('utils schema prints a JSON Schema', async () => {
    const run = await runBuiltCli(['utils', 'schema']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ $schema: expect.stringContaining('json-schema.org') });
    recordCombination('utils schema', 'json');
  });

  it('completion bash, zsh and fish; the bash script completes commands, subcommands and choices', async () => {
    const scripts: Record<string, string> = {};
    for (const shell of ['bash', 'zsh', 'fish']) {
      const run = await runBuiltCli(['completion', shell]);
      expect(run.code).toBe(0);
      scripts[shell] = run.stdout;
      recordCombination('completion', shell);
    }
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-cli-completion-')), 'private-eks.bash');
    writeFileSync(file, scripts['bash']!);
    const complete = (...words: string[]): string =>
      execFileSync(
        'bash',
        [
          '-c',
          `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _private_eks; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(complete('private-eks', 'cr')).toBe('create');
    expect(complete('private-eks', 'create', '')).toContain('cluster nodegroup');
    expect(complete('private-eks', 'plan', '-f', 'x.yaml', '-o', '')).toBe('text table json yaml mermaid');
    expect(complete('private-eks', 'get', 'cluster', '--output', '')).toBe('table json yaml');
    expect(scripts['zsh']).toContain('bashcompinit');
    expect(scripts['fish']).toContain("complete -c private-eks -n '__fish_use_subcommand' -a plan");
  });

  it('--region next to -f: an agreeing one is fine, a contradicting one is a usage error (exit 2) in validate, plan and create', async () => {
    const agreeing = await runBuiltCli(['validate', '-f', MINIMAL, '--region', 'us-west-2'], { env: OFFLINE_ENV });
    expect(agreeing.code).toBe(0);
    for (const args of [
      ['validate', '-f', MINIMAL],
      ['plan', '-f', MINIMAL, '--offline'],
      ['create', 'cluster', '-f', MINIMAL, '--dry-run', '--offline'],
    ]) {
      const run = await runBuiltCli([...args, '--region', 'mars-1'], { env: OFFLINE_ENV });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`error: --region mars-1 contradicts metadata.region us-west-2 in ${MINIMAL}`);
    }
  });

  it('an unknown region is refused with the closest name: in a file (V15) and as --region', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-region-'));
    const file = path.join(dir, 'typo.yaml');
    writeFileSync(file, readFileSync(MINIMAL, 'utf8').replace('region: us-west-2', 'region: us-wst-2'));
    const plan = await runBuiltCli(['plan', '-f', file, '--offline'], { env: OFFLINE_ENV });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe('');
    expect(plan.stderr).toContain(
      'error V15 metadata.region: metadata.region "us-wst-2" is not an AWS region private-eks knows; did you mean "us-west-2"?',
    );
    const get = await runBuiltCli(['get', 'cluster', '--region', 'us-wst-2'], { env: OFFLINE_ENV });
    expect(get.code).toBe(2);
    expect(get.stderr).toContain(
      '--region "us-wst-2" is not an AWS region private-eks knows; did you mean "us-west-2"?',
    );
  });

  it('the region of the profile and AWS_DEFAULT_REGION are used without a file; --profile nosuch is named', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-profile-'));
    const config = path.join(dir, 'config');
    writeFileSync(config, '[default]\nregion = eu-wst-1\n[profile dev]\nregion = ap-sooth-1\n');
    const env = { ...OFFLINE_ENV, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };
    // Misspelt regions on purpose: the error names where each one came from, before any AWS call.
    const fromDefault = await runBuiltCli(['get', 'cluster'], { env });
    expect(fromDefault.code).toBe(2);
    expect(fromDefault.stderr).toContain(`profile default's region "eu-wst-1" is not an AWS region private-eks knows`);
    const fromProfile = await runBuiltCli(['get', 'cluster', '--profile', 'dev'], { env });
    expect(fromProfile.stderr).toContain(`profile dev's region "ap-sooth-1" is not an AWS region`);
    const fromEnv = await runBuiltCli(['get', 'cluster'], { env: { ...env, AWS_DEFAULT_REGION: 'us-eest-1' } });
    expect(fromEnv.stderr).toContain('AWS_DEFAULT_REGION "us-eest-1" is not an AWS region');
    const nosuch = await runBuiltCli(['get', 'cluster', '--profile', 'nosuch', '--region', 'us-west-2'], { env });
    expect(nosuch.code).toBe(2);
    expect(nosuch.stderr).toContain(`error: --profile nosuch: no profile "nosuch" in ${config}`);
    expect(nosuch.stderr).toContain('profiles there: default, dev');
  });
});
