/**
 * What counts as a crash of the config reader, for the fuzzer (bench/fuzz-config.ts) and for the
 * replay of saved crashes (test/unit/config/fuzz-regressions.test.ts): one definition, so a saved
 * crash fails the regression test for exactly the reason the fuzzer flagged it.
 *
 * A crash is: loadConfig throwing (it promises never to), an INTERNAL problem, an ill-formed
 * problem, an outcome that contradicts its problems (a config alongside errors, or neither), a
 * problem without a position whose field does exist in the file, and — through the CLI — an exit
 * code other than 0/1, output that disagrees with loadConfig, or a stack trace. Hangs are caught by
 * the fuzzer's watchdog (a case runs in a worker), not here.
 */
import { PassThrough, Readable } from 'node:stream';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/index.js';
import type { Problem } from '../../src/config/index.js';

export const FUZZ_FILE = 'fuzz.yaml';

export type Verdict =
  | { readonly ok: true; readonly valid: boolean; readonly rules: readonly string[] }
  | { readonly ok: false; readonly kind: CrashKind; readonly detail: string };

export type CrashKind = 'throw' | 'internal' | 'malformed' | 'outcome' | 'no-position' | 'cli' | 'hang';

type PathSegment = string | number;

/** Parses the CLI's path form back: `nodeGroups[0].labels["a.b/c"]` → ['nodeGroups', 0, 'labels', 'a.b/c']. */
export function parseProblemPath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const token = /^(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = path;
  while (rest !== '') {
    const match = token.exec(rest);
    if (match === null) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]!) as string);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/**
 * True when `segments` names a node written in the YAML text (key present), following neither
 * aliases nor merge keys: only then must a problem about it carry a line and column.
 */
function presentInText(text: string, segments: readonly PathSegment[]): boolean {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, merge: false, strict: false, prettyErrors: false });
  } catch {
    return false; // the oracle's own parse gave up (deep input): no claim either way
  }
  let node: unknown = doc.contents;
  if (node === null || node === undefined) return false;
  for (const segment of segments) {
    if (isAlias(node)) return false;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) return false;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return false;
    } else {
      return false;
    }
  }
  return (node as YamlNode | null) !== null;
}

function malformed(p: Problem): string | undefined {
  if (typeof p.rule !== 'string' || p.rule.length === 0) return 'empty rule';
  if (p.severity !== 'error' && p.severity !== 'warning') return `severity ${String(p.severity)}`;
  if (p.file !== FUZZ_FILE && p.file !== '-') return `file ${JSON.stringify(p.file)}`;
  if (typeof p.message !== 'string' || p.message.trim() === '') return 'empty message';
  if (typeof p.path !== 'string') return 'path is not a string';
  if (!Number.isInteger(p.line) || p.line < 0 || !Number.isInteger(p.column) || p.column < 0) {
    return `position ${String(p.line)}:${String(p.column)}`;
  }
  return undefined;
}

const describe = (p: Problem): string => `${p.rule} ${p.path || '(root)'} ${p.line}:${p.column} ${p.message}`;

/** Checks one input through loadConfig. */
export function judgeLoad(input: string | Uint8Array): Verdict {
  let result;
  try {
    result = loadConfig({ text: input, file: FUZZ_FILE, env: {} });
  } catch (error) {
    return {
      ok: false,
      kind: 'throw',
      detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  const errors = result.problems.filter((p) => p.severity === 'error');
  for (const p of result.problems) {
    if (p.rule === 'INTERNAL') return { ok: false, kind: 'internal', detail: describe(p) };
    const bad = malformed(p);
    if (bad !== undefined) return { ok: false, kind: 'malformed', detail: `${bad}: ${describe(p)}` };
  }
  if (result.config !== undefined && errors.length > 0) {
    return { ok: false, kind: 'outcome', detail: `a config and ${errors.length} error(s)` };
  }
  if (result.config === undefined && errors.length === 0) {
    return { ok: false, kind: 'outcome', detail: 'no config and no error' };
  }
  if (result.source !== undefined) {
    for (const p of result.problems) {
      if (p.line > 0 || p.rule === 'FILE') continue;
      const segments = parseProblemPath(p.path);
      if (segments !== undefined && presentInText(result.source, segments)) {
        return { ok: false, kind: 'no-position', detail: describe(p) };
      }
    }
  }
  return { ok: true, valid: result.config !== undefined, rules: [...new Set(result.problems.map((p) => p.rule))] };
}

async function runValidate(input: string | Uint8Array, json: boolean) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const argv = ['validate', '-f', '-', ...(json ? ['-o', 'json'] : [])];
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin: Readable.from([bytes]),
    env: { CI: 'true' },
    cwd: process.cwd(),
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Checks one input through `private-eks validate -f -` (text or `-o json`), against loadConfig's verdict. */
export async function judgeCli(input: string | Uint8Array, json: boolean, expectValid: boolean): Promise<Verdict> {
  let run;
  try {
    run = await runValidate(input, json);
  } catch (error) {
    return {
      ok: false,
      kind: 'cli',
      detail: `runCli threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const fail = (detail: string): Verdict => ({
    ok: false,
    kind: 'cli',
    detail: `${json ? '-o json' : 'text'}: ${detail}`,
  });
  if (run.code !== (expectValid ? 0 : 1)) return fail(`exit ${run.code}, loadConfig says valid=${String(expectValid)}`);
  // An exception that escaped the command is printed by runCli as `error: <message>`.
  const escaped = /^error: .*$/m.exec(run.stderr);
  if (escaped !== null) return fail(`an exception escaped the command: ${escaped[0].slice(0, 300)}`);
  if (/bug in private-eks/.test(run.stderr + run.stdout)) return fail('an internal error was printed');
  if (json) {
    let parsed: { valid?: unknown; errors?: unknown };
    try {
      parsed = JSON.parse(run.stdout) as { valid?: unknown; errors?: unknown };
    } catch {
      return fail(`stdout is not JSON: ${run.stdout.slice(0, 200)}`);
    }
    if (parsed.valid !== expectValid || !Array.isArray(parsed.errors)) return fail('JSON disagrees with loadConfig');
  } else if (!expectValid && !/^\d+ errors?, \d+ warnings?$/m.test(run.stderr)) {
    return fail(`invalid, but no problem summary on stderr: ${run.stderr.slice(-300)}`);
  }
  return { ok: true, valid: expectValid, rules: [] };
}

/** The whole check of one case: loadConfig, then (when `cli` is set) the CLI's validate. */
export async function judge(input: string | Uint8Array, cli: 'none' | 'text' | 'json'): Promise<Verdict> {
  const load = judgeLoad(input);
  if (!load.ok || cli === 'none') return load;
  const viaCli = await judgeCli(input, cli === 'json', load.valid);
  return viaCli.ok ? load : viaCli;
}
