/**
 * Taints (rules/labels-taints.ts) that the schema already refuses, or that are checked by another
 * rule: each gets exactly one problem. The map form (self-managed nodegroups) reads the value only
 * from a `value:effect` text.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';

const problems = (taints: string) =>
  load(
    lines(HEADER, 'nodeGroups:', '  - name: ng', '    privateNetworking: true', `    taints: ${taints}`),
  ).problems.map((p) => [p.rule, p.path, p.message.split(',')[0]]);

describe('taints reported once', () => {
  it('a list item whose key is not a string: the type error only', () => {
    expect(problems('[{key: 5, effect: NoSchedule}]')).toEqual([
      ['TYPE', 'nodeGroups[0].taints[0].key', 'expected a string'],
    ]);
  });

  it('a map entry that is not a string: the type error only', () => {
    expect(problems('{dedicated: 5}')).toEqual([['TYPE', 'nodeGroups[0].taints.dedicated', 'expected a string']]);
  });

  it('a map entry without an effect: the effect is wrong, and no value is read from it', () => {
    expect(problems('{dedicated: "a b"}')).toEqual([
      ['TYPE', 'nodeGroups[0].taints.dedicated', 'invalid taint effect: a b'],
    ]);
  });

  it('a map entry with a value and an effect: the value is checked', () => {
    expect(problems('{dedicated: "gpu:NoSchedule"}')).toEqual([]);
    expect(problems('{dedicated: "a b:NoSchedule"}')).toEqual([
      ['VALUE', 'nodeGroups[0].taints.dedicated', 'invalid taint value: a b'],
    ]);
  });
});
