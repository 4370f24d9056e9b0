import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.js';
const ex = readFileSync('examples/minimal.yaml', 'utf8');
const cases: Record<string, string | Uint8Array> = {
  laughs: ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({length: 8}, (_, l) => `a${l+1}: &a${l+1} [${Array.from({length:10},()=>`*a${l}`).join(', ')}]`), 'metadata: {name: *a8}'].join('\n'),
  big: 'metadata: {name: "' + 'x'.repeat(1024*1024+10) + '"}\n',
  deepFlow: 'metadata: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n',
  deepBlock: Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
  bomCrlf: '\uFEFF' + ex.replaceAll('\n', '\r\n'),
  invalidUtf8: new Uint8Array([...Buffer.from('metadata:\n  name: '), 0xff, 0xfe, 0x0a]),
  proto: ex + '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n',
  circular: 'metadata: &m\n  name: x\n  self: *m\n',
  multiDoc: ex + '---\n' + ex,
  nul: 'metadata:\n  name: "a\u0000b"\n',
  dup: ex + 'metadata: {name: again}\n',
  merge: ex.replace('managedNodeGroups:\n  - name: m1', 'managedNodeGroups:\n  - <<: {instanceType: m5.xlarge}\n    name: m1'),
  tags: ex.replace('desiredCapacity: 2', 'desiredCapacity: !!str 2'),
  unknownTag: ex.replace('desiredCapacity: 2', 'desiredCapacity: !Ref Two'),
  hugeNumber: ex.replace('desiredCapacity: 2', 'desiredCapacity: 1e400'),
  lineSep: ex.replace('name: private-cluster', 'name: "private\u2028cluster"'),
  complexKey: ex + '? [a, b]\n: c\n',
  empty: '',
  onlyComment: '# nothing\n',
};
for (const [name, input] of Object.entries(cases)) {
  const r = loadConfig({ text: input, file: 'x.yaml', env: {} });
  console.log(name, r.config !== undefined, r.problems.slice(0, 3).map((p) => `${p.rule} ${p.path} ${p.line}:${p.column} ${p.message.slice(0, 90)}`));
}
console.log(({} as Record<string, unknown>)['polluted']);
