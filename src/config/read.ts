/**
 * Reading a config file: bytes → YAML 1.2 document → plain data, with the position of every key
 * and value (SPEC §2). One document only; duplicate keys are problems; nesting, document size and
 * alias expansion are bounded so that no input can hang or crash the reader ("billion laughs",
 * deeply nested brackets). eksctl's YAML library accepts `<<` merge keys, so they are read too.
 */
import {
  Composer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type { CST } from 'yaml';
import { isRecord, setOwn, toPointer, type FieldPath } from './path.js';
import type { Problem } from './problem.js';
import { problemAt, quote, type ProblemSpec } from './report.js';
import { SourceMap, type NodeLocation, type SourcePosition } from './source-map.js';
import { decodeConfigText } from './text.js';

/** Deeper than any ClusterConfig (about 12 with an inline IAM policy); stops recursion bombs. */
export const MAX_NESTING = 64;
/** Values in one document; a large ClusterConfig has a few thousand (200 nodegroups: about 2,500). */
export const MAX_NODES = 10_000;
/** Values that aliases may add by repetition; a file of 128 KiB cannot legitimately need more. */
export const MAX_ALIAS_EXPANSION = 5_000;

export interface ReadResult {
  /** The document as plain data: absent when the file could not be read. */
  readonly value?: unknown;
  readonly sourceMap: SourceMap;
  /** The decoded text the positions refer to (absent when the bytes could not be decoded). */
  readonly text?: string;
  readonly problems: Problem[];
}

/** Thrown inside the walk to stop it; caught in `readConfigDocument`, never escapes. */
class StopReading extends Error {}

const COLLECTION_TOKENS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Offset of the first collection nested deeper than `max`, found without recursion. */
function tooDeepAt(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth: parentDepth } = stack.pop()!;
    const depth = COLLECTION_TOKENS.has(token.type) ? parentDepth + 1 : parentDepth;
    if (depth > max) return token.offset;
    const t = token as { value?: unknown; items?: { key?: unknown; value?: unknown }[] };
    const children: unknown[] = [];
    if (token.type === 'document') children.push(t.value);
    for (const item of t.items ?? []) children.push(item.key, item.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null && 'type' in child)
        stack.push({ token: child as CST.Token, depth });
    }
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

class DocumentWalker {
  /** Positions by JSON pointer; swapped for a scratch map while a merge source is read. */
  locations = new Map<string, NodeLocation>();
  readonly problems: Problem[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly active = new Set<YamlNode>();
  private nodes = 0;
  private aliasNodes = 0;
  /** The outermost alias being expanded, named when the expansion grows too large. */
  private expandingAlias: { readonly name: string; readonly at: SourcePosition; readonly path: FieldPath } | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number | undefined): SourcePosition {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }

  private startOf(node: unknown): SourcePosition | undefined {
    const range = (node as { range?: readonly number[] | null } | null)?.range;
    return range?.[0] === undefined ? undefined : this.position(range[0]);
  }

  report(at: SourcePosition, spec: ProblemSpec): void {
    this.problems.push(problemAt(this.file, at, spec));
  }

  private stop(at: SourcePosition, path: FieldPath, message: string, hint?: string): never {
    this.report(at, { rule: 'YAML', path, message, hint });
    throw new StopReading();
  }

  /** Converts `node` at `path`; `expanding` counts values that an alias repeats. */
  convert(node: unknown, path: FieldPath, depth: number, expanding: boolean, key?: SourcePosition): unknown {
    // `key:` with nothing after it: point at the key, not at the end of its line.
    const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
    const at = (empty ? key : undefined) ?? this.startOf(node) ?? key ?? { line: 1, column: 1 };
    const location: NodeLocation = key === undefined ? { value: at } : { value: at, key };
    this.locations.set(toPointer(path), location);
    if (node === null || node === undefined) return null;

    this.nodes++;
    if (this.nodes > MAX_NODES) this.stop(at, path, `the document has more than ${MAX_NODES} values`);
    if (depth > MAX_NESTING) this.stop(at, path, `values are nested more than ${MAX_NESTING} levels deep`);
    if (expanding && ++this.aliasNodes > MAX_ALIAS_EXPANSION) {
      const alias = this.expandingAlias ?? { name: '?', at, path };
      this.stop(
        alias.at,
        alias.path,
        `alias *${alias.name} makes the document too large: aliases repeat more than ${MAX_ALIAS_EXPANSION} values`,
        'an alias may repeat a value, not multiply it: write the values out',
      );
    }

    if (isAlias(node)) return this.convertAlias(node, path, depth, at, key);
    const yamlNode = node as YamlNode;
    if (!expanding && typeof yamlNode.anchor === 'string') this.anchors.set(yamlNode.anchor, yamlNode);

    if (isScalar(node)) {
      if ((typeof node.value === 'number' || (node.value === null && !empty)) && node.range) {
        // Keep what was written: `version: 1.30` reads as the number 1.3, and the hint quotes `1.30`;
        // `null` written out is told apart from a key with nothing after it.
        const raw = this.text.slice(node.range[0], node.range[1]).trim();
        this.locations.set(toPointer(path), { ...location, raw });
      }
      return this.scalarValue(node.value);
    }
    this.active.add(yamlNode);
    try {
      if (isMap(node)) return this.convertMap(node.items, path, depth, expanding);
      if (isSeq(node)) {
        return node.items.map((item, index) =>
          isPair(item)
            ? this.convertMap([item], [...path, index], depth + 1, expanding, this.startOf(item.key))
            : this.convert(item, [...path, index], depth + 1, expanding),
        );
      }
    } finally {
      this.active.delete(yamlNode);
    }
    return null;
  }

  private scalarValue(value: unknown): unknown {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return value;
    }
    // !!binary, !!timestamp and the like: keep them as text, the schema decides if they fit.
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (typeof value === 'bigint') return value.toString();
    return null;
  }

  private convertAlias(
    node: { source: string },
    path: FieldPath,
    depth: number,
    at: SourcePosition,
    key?: SourcePosition,
  ): unknown {
    const target = this.anchors.get(node.source);
    if (target === undefined) {
      this.stop(at, path, `alias *${node.source} has no anchor &${node.source} before it`);
    }
    if (this.active.has(target)) this.stop(at, path, `alias *${node.source} refers to a value that contains it`);
    const outermost = this.expandingAlias === undefined;
    if (outermost) this.expandingAlias = { name: node.source, at, path };
    try {
      const value = this.convert(target, path, depth, true, key);
      // The alias, not the anchor, is where this value is used: point problems about it there.
      this.locations.set(toPointer(path), key === undefined ? { value: at } : { value: at, key });
      return value;
    } finally {
      if (outermost) this.expandingAlias = undefined;
    }
  }

  private convertMap(
    pairs: readonly Pair[],
    path: FieldPath,
    depth: number,
    expanding: boolean,
    mapKey?: SourcePosition,
  ): Record<string, unknown> {
    if (mapKey !== undefined) this.locations.set(toPointer(path), { value: mapKey });
    const out: Record<string, unknown> = {};
    const seen = new Map<string, SourcePosition>();
    const merges: { node: unknown; at: SourcePosition }[] = [];
    for (const pair of pairs) {
      const keyAt = this.startOf(pair.key) ?? this.startOf(pair.value) ?? { line: 1, column: 1 };
      if (isMergeKey(pair.key)) {
        merges.push({ node: pair.value, at: keyAt });
        continue;
      }
      const keyValue: unknown = isScalar(pair.key) ? pair.key.value : undefined;
      const name =
        typeof keyValue === 'string' || typeof keyValue === 'number' || typeof keyValue === 'boolean'
          ? String(keyValue)
          : undefined;
      if (name === undefined) {
        this.report(keyAt, { rule: 'YAML', path, message: 'mapping keys must be plain words or strings' });
        continue;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        this.report(keyAt, {
          rule: 'DUPLICATE_KEY',
          path: [...path, name],
          message: `duplicate key ${quote(name)}: it is already set at line ${first.line}`,
          hint: 'keep one of the two entries',
        });
        continue;
      }
      seen.set(name, keyAt);
      setOwn(out, name, this.convert(pair.value, [...path, name], depth + 1, expanding, keyAt));
    }
    // `<<: *defaults` (or a list of them): keys written in the mapping win, then earlier sources.
    for (const merge of merges) {
      const sources = isSeq(merge.node) ? merge.node.items : [merge.node];
      for (const source of sources) this.mergeInto(out, path, source, merge.at, depth, expanding);
    }
    return out;
  }

  private mergeInto(
    out: Record<string, unknown>,
    path: FieldPath,
    source: unknown,
    at: SourcePosition,
    depth: number,
    expanding: boolean,
  ): void {
    const scratch = toPointer([...path, '<<']);
    const kept = this.locations;
    this.locations = new Map();
    let value: unknown;
    let read: Map<string, NodeLocation>;
    try {
      value = this.convert(source, [...path, '<<'], depth + 1, expanding, at);
    } finally {
      read = this.locations;
      this.locations = kept;
    }
    if (!isRecord(value)) {
      this.report(at, {
        rule: 'YAML',
        path,
        message: 'a merge key (<<) must refer to a mapping or a list of mappings',
      });
      return;
    }
    const added = new Set<string>();
    for (const [name, merged] of Object.entries(value)) {
      if (Object.prototype.hasOwnProperty.call(out, name)) continue;
      setOwn(out, name, merged);
      added.add(toPointer([name]));
    }
    // Merged values keep the positions they were written at.
    const target = toPointer(path);
    for (const [pointer, location] of read) {
      if (!pointer.startsWith(scratch + '/')) continue;
      const rest = pointer.slice(scratch.length);
      const slash = rest.indexOf('/', 1);
      if (added.has(slash < 0 ? rest : rest.slice(0, slash))) this.locations.set(target + rest, location);
    }
  }
}

/** eksctl's logger: `2026-12-03 20:15:55 [!]  SSM is now enabled by default; …`. */
const EKSCTL_LOG_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \[[^\]\s]{1,2}\] {1,2}\S/u;

/**
 * How many lines at the start of `text` are eksctl's log output: `eksctl create cluster --dry-run`
 * prints some (a deprecation, a warning) before the config, on the same output, so a file saved
 * with `> cluster.yaml` starts with them.
 */
function leadingEksctlLogLines(text: string): number {
  let count = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (!EKSCTL_LOG_LINE.test(line)) break;
    count++;
    if (end === -1) break;
    start = end + 1;
  }
  return count;
}

/**
 * `text` with its leading eksctl log lines made YAML comments: one character more on each of
 * those lines, every other offset and line the same (problems still show the file as written).
 */
export function eksctlLogLinesAsComments(text: string, count = leadingEksctlLogLines(text)): string {
  if (count === 0) return text;
  return text
    .split('\n')
    .map((line, i) => (i < count ? `#${line}` : line))
    .join('\n');
}

function yamlMessage(message: string): string {
  // The yaml package's messages are sentences with a capital letter; ours are lower-case.
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Reads `input` (the file's bytes, or text) into plain data with positions, or problems. */
export function readConfigDocument(input: string | Uint8Array, file: string): ReadResult {
  const decoded = decodeConfigText(input);
  if (!decoded.ok) {
    const at = { line: decoded.line, column: decoded.column };
    return {
      sourceMap: new SourceMap(),
      problems: [problemAt(file, at, { rule: 'FILE', path: [], message: decoded.message })],
    };
  }
  const text = decoded.text;
  const logLines = leadingEksctlLogLines(text);
  const yamlText = eksctlLogLinesAsComments(text, logLines);
  const lines = new LineCounter();
  const walker = new DocumentWalker(file, yamlText, lines);
  // Said once the file has read well (any YAML error returns before): a warning, not a stop.
  const logWarning: Problem[] =
    logLines === 0
      ? []
      : [
          problemAt(
            file,
            { line: 1, column: 1 },
            {
              rule: 'YAML',
              severity: 'warning',
              path: [],
              message: `${logLines === 1 ? 'line 1 is' : `lines 1 to ${logLines} are`} eksctl's log output, not part of the config: read as comments`,
              hint: 'eksctl prints its log lines and the --dry-run config to the same output: remove them from the file',
            },
          ),
        ];
  const fail = (offset: number | undefined, spec: ProblemSpec): ReadResult => {
    walker.report(walker.position(offset), spec);
    return { sourceMap: new SourceMap(), text, problems: walker.problems };
  };

  const tokens = [...new Parser(lines.addNewLine).parse(yamlText)];
  const deep = tooDeepAt(tokens, MAX_NESTING);
  if (deep !== undefined) {
    return fail(deep, { rule: 'YAML', path: [], message: `values are nested more than ${MAX_NESTING} levels deep` });
  }

  const documents: Document.Parsed[] = [];
  const composer = new Composer({ merge: true, uniqueKeys: false, prettyErrors: false, version: '1.2' });
  for (const document of composer.compose(tokens, true, yamlText.length)) documents.push(document);
  // A trailing `---` with nothing after it is harmless; a second document with content is not.
  const [document, ...rest] = documents.filter((d, i) => i === 0 || d.contents !== null || d.errors.length > 0);
  const extra = rest.find((d) => !(isScalar(d.contents) && d.contents.value === null && d.errors.length === 0));
  if (extra !== undefined) {
    walker.report(walker.position(extra.range[0]), {
      rule: 'YAML',
      path: [],
      message: 'a config file holds one YAML document; a second one starts here',
      hint: 'remove the `---` line and what follows it, or put the second document in its own file',
    });
  }
  if (document === undefined) return fail(0, { rule: 'FILE', path: [], message: 'the file is empty' });
  for (const error of [...document.errors, ...document.warnings]) {
    walker.report(walker.position(error.pos[0]), {
      rule: 'YAML',
      path: [],
      message: yamlMessage(error.message),
      hint:
        error.code === 'TAG_RESOLVE_FAILED'
          ? 'eksctl config files use no tags: write the value itself'
          : 'check the brackets, quotes and indentation here and on the lines just before',
    });
  }
  if (walker.problems.length > 0) return { sourceMap: new SourceMap(), text, problems: walker.problems };

  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return fail(0, {
      rule: 'FILE',
      path: [],
      message: 'the file is empty',
      hint: 'start from examples/minimal.yaml',
    });
  }
  let value: unknown;
  try {
    value = walker.convert(contents, [], 1, false);
  } catch (error) {
    if (error instanceof StopReading) return { sourceMap: new SourceMap(), text, problems: walker.problems };
    throw error;
  }
  const rootAt = walker.position((contents as { range?: number[] }).range?.[0]);
  const sourceMap = new SourceMap(walker.locations, rootAt);
  if (!isRecord(value)) {
    walker.report(rootAt, {
      rule: 'TYPE',
      path: [],
      message: `a config file is a mapping (apiVersion, kind, metadata, …), but this one holds ${Array.isArray(value) ? 'a list' : 'a single value'}`,
      hint: 'start from examples/minimal.yaml',
    });
    return { sourceMap, text, problems: walker.problems };
  }
  return { value, sourceMap, text, problems: [...logWarning, ...walker.problems] };
}
