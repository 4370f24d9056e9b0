/**
 * The fuzzer's inputs: the generators of test/helpers/config-arbitraries.ts (mutated examples,
 * damaged text, YAML-ish noise, random data, random bytes) plus what a long run adds on top —
 * byte-level mutations of the examples (bit flips, invalid UTF-8, BOMs, NULs, CRLF, truncation),
 * YAML structure mutations through the document API (anchors and aliases, merge keys, tags, flow
 * style, multiple documents, complex keys), and inputs that are huge, deep or alias-heavy (the
 * reader's limits: 128 KiB, nesting, alias expansion).
 */
import fc from 'fast-check';
import { Scalar, isAlias, isCollection, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { EXAMPLE_TEXTS, configInput } from '../../test/helpers/config-arbitraries.js';

const EXAMPLE_BYTES: readonly Buffer[] = EXAMPLE_TEXTS.map((t) => Buffer.from(t, 'utf8'));

/** Byte sequences that trip decoders: invalid UTF-8, overlongs, surrogates, BOMs, NUL, CR, DEL. */
const NASTY_BYTES: readonly number[][] = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xef, 0xbb, 0xbf],
  [0xfe, 0xff],
  [0xff, 0xfe],
  [0x00],
  [0x0d],
  [0x0d, 0x0a],
  [0x1b, 0x5b, 0x33, 0x31, 0x6d],
  [0x7f],
  [0xe2, 0x80, 0xa8],
  [0x09],
];

const byteEdit = fc.record({
  kind: fc.integer({ min: 0, max: 6 }),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 64 }),
  bit: fc.integer({ min: 0, max: 7 }),
  nasty: fc.constantFrom(...NASTY_BYTES),
});

/** An example's bytes, edited 1–8 times at the byte level. */
export const byteMutatedExample: fc.Arbitrary<Uint8Array> = fc
  .record({
    example: fc.integer({ min: 0, max: EXAMPLE_BYTES.length - 1 }),
    edits: fc.array(byteEdit, { minLength: 1, maxLength: 8 }),
  })
  .map(({ example, edits }) => {
    let bytes = Buffer.from(EXAMPLE_BYTES[example]!);
    for (const e of edits) {
      const at = e.at % Math.max(bytes.length, 1);
      switch (e.kind) {
        case 0: // flip one bit
          if (bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << e.bit);
          break;
        case 1: // insert a nasty sequence
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.nasty), bytes.subarray(at)]);
          break;
        case 2: // delete a range
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + e.length)]);
          break;
        case 3: // duplicate a range in place
          bytes = Buffer.concat([bytes.subarray(0, at + e.length), bytes.subarray(at)]);
          break;
        case 4: // truncate
          bytes = bytes.subarray(0, at);
          break;
        case 5: // every LF becomes CRLF (or CR alone)
          bytes = Buffer.from(bytes.toString('latin1').replaceAll('\n', e.bit % 2 === 0 ? '\r\n' : '\r'), 'latin1');
          break;
        default: // overwrite a range with one repeated byte
          bytes.fill(e.nasty[0] ?? 0, at, Math.min(bytes.length, at + e.length));
      }
    }
    return new Uint8Array(bytes);
  });

type DocEdit = (doc: Document, pick: () => number, word: string) => void;

function nodesOf(doc: Document): YamlNode[] {
  const nodes: YamlNode[] = [];
  visit(doc, {
    Node(_, node) {
      nodes.push(node);
    },
  });
  return nodes;
}

const DOC_EDITS: readonly DocEdit[] = [
  // anchor a node and point an alias at it from another place
  (doc, pick, word) => {
    const nodes = nodesOf(doc);
    const source = nodes[pick() % nodes.length];
    const target = nodes[pick() % nodes.length];
    if (source === undefined || target === undefined || isAlias(source)) return;
    source.anchor = `a${word.replace(/[^A-Za-z0-9]/g, '') || 'x'}`;
    const alias = doc.createAlias(source);
    if (isMap(target)) target.set(word || 'k', alias);
    else if (isSeq(target)) target.add(alias);
  },
  // a merge key pulling in another mapping
  (doc, pick) => {
    const maps = nodesOf(doc).filter(isMap);
    const from = maps[pick() % maps.length];
    const into = maps[pick() % maps.length];
    if (from === undefined || into === undefined) return;
    from.anchor = 'm';
    into.items.unshift(doc.createPair('<<', doc.createAlias(from)));
  },
  // an explicit or unknown tag on a scalar
  (doc, pick) => {
    const scalars = nodesOf(doc).filter(isScalar);
    const s = scalars[pick() % scalars.length];
    if (s !== undefined) {
      const tags = ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!Ref', '!!set'];
      s.tag = tags[pick() % tags.length]!;
    }
  },
  // flow style for a collection, or quoting styles for a scalar
  (doc, pick) => {
    const nodes = nodesOf(doc);
    const n = nodes[pick() % nodes.length];
    if (n !== undefined && isCollection(n)) n.flow = !n.flow;
    else if (n !== undefined && isScalar(n)) {
      const styles: Scalar.Type[] = [
        Scalar.PLAIN,
        Scalar.QUOTE_DOUBLE,
        Scalar.QUOTE_SINGLE,
        Scalar.BLOCK_LITERAL,
        Scalar.BLOCK_FOLDED,
      ];
      n.type = styles[pick() % styles.length]!;
    }
  },
  // a collection as a key (YAML allows it; a config never has one)
  (doc, pick, word) => {
    const maps = nodesOf(doc).filter(isMap);
    const m = maps[pick() % maps.length];
    if (m !== undefined) m.items.push(doc.createPair(doc.createNode({ [word || 'k']: [1, 2] }), word));
  },
  // a comment, a long scalar, a number that is not one
  (doc, pick, word) => {
    const scalars = nodesOf(doc).filter(isScalar);
    const s = scalars[pick() % scalars.length];
    if (s === undefined) return;
    s.comment = ` ${word} #`;
    s.value = [word.repeat(500), 1e308 * 10, -0, Number.NaN, 0x1fffffffffffff + 2, `${word}\u2028${word}`][pick() % 6];
  },
];

/** An example changed through the YAML document API, written back (sometimes as several documents). */
export const yamlStructureMutation: fc.Arbitrary<string> = fc
  .record({
    example: fc.integer({ min: 0, max: EXAMPLE_TEXTS.length - 1 }),
    edits: fc.array(fc.integer({ min: 0, max: DOC_EDITS.length - 1 }), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    word: fc.oneof(
      fc.constantFrom('name', 'region', 'privateNetworking', '<<', '__proto__'),
      fc.string({ maxLength: 8 }),
    ),
    documents: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ example, edits, picks, word, documents }) => {
    const doc = parseDocument(EXAMPLE_TEXTS[example]!);
    let i = 0;
    const pick = () => picks[i++ % picks.length]!;
    let text: string;
    try {
      for (const edit of edits) DOC_EDITS[edit]!(doc, pick, word);
      text = doc.toString({ lineWidth: 0 });
    } catch (error) {
      // The yaml library refused to write the edited document (e.g. an alias before its anchor):
      // keep the example, with the library's complaint as a comment, so the case is still useful.
      text = `# ${String(error).split('\n')[0]}\n${EXAMPLE_TEXTS[example]!}`;
    }
    return documents === 1 ? text : Array.from({ length: documents }, () => text).join('---\n');
  });

/** Inputs at or past the reader's limits: deep nesting, alias bombs, many keys, long lines, > 128 KiB. */
export const extremeInput: fc.Arbitrary<string> = fc.oneof(
  // deep flow nesting, balanced or not
  fc
    .record({
      depth: fc.integer({ min: 10, max: 20_000 }),
      open: fc.constantFrom('[', '{', '[{'),
      closed: fc.boolean(),
    })
    .map(({ depth, open, closed }) => {
      const close = open === '[' ? ']' : open === '{' ? '}' : '}]';
      return `metadata: ${open.repeat(depth)}${closed ? close.repeat(depth) : ''}\n`;
    }),
  // deep block nesting
  fc
    .integer({ min: 10, max: 3_000 })
    .map((depth) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')),
  // "billion laughs": each anchor repeats the previous one `width` times
  fc
    .record({ levels: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 10 }) })
    .map(({ levels, width }) => {
      const lines = ['a0: &a0 [lol]'];
      for (let l = 1; l < levels; l++)
        lines.push(`a${l}: &a${l} [${Array.from({ length: width }, () => `*a${l - 1}`).join(', ')}]`);
      return `${lines.join('\n')}\nmetadata: {name: *a${levels - 1}}\n`;
    }),
  // many nodegroups, many keys
  fc
    .integer({ min: 100, max: 20_000 })
    .map((count) =>
      [
        'apiVersion: eksctl.io/v1alpha5',
        'kind: ClusterConfig',
        'metadata: {name: big, region: us-west-2}',
        'privateCluster: {enabled: true}',
        'nodeGroups:',
        ...Array.from({ length: count }, (_, i) => `  - {name: ng${i}, privateNetworking: true}`),
        '',
      ].join('\n'),
    ),
  // one long line, around the 128 KiB limit
  fc
    .integer({ min: 128 * 1024 - 64, max: 128 * 1024 + 64 })
    .map((size) => `metadata: {name: "${'x'.repeat(Math.max(0, size - 20))}"}\n`),
  // many small documents
  fc.integer({ min: 2, max: 5_000 }).map((count) => Array.from({ length: count }, () => 'a: 1').join('\n---\n')),
);

/** Everything, weighted towards inputs close to real configs. */
export const fuzzInput: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 10, arbitrary: configInput },
  { weight: 4, arbitrary: byteMutatedExample },
  { weight: 4, arbitrary: yamlStructureMutation },
  { weight: 1, arbitrary: extremeInput },
);
