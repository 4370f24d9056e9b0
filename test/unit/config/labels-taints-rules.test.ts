/**
 * Nodegroup labels and taints (eksctl's validateLabels and validateTaints, in Kubernetes' words),
 * file by file: every problem the file gets, its rule, where it points, its message and the hint
 * with the syntax to write instead.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load } from './support.js';
import { problemsIn, type ExpectedProblem } from './problem-table.js';

const ng = (...extra: string[]) => [
  'nodeGroups:',
  '  - name: ng1',
  '    privateNetworking: true',
  ...extra.map((l) => '    ' + l),
];
const LABEL_HINT =
  'keys: an optional DNS-subdomain prefix and "/", then up to 63 letters, digits, "-", "_" or "."; values: up to 63 of the same, starting and ending with a letter or digit';
const TAINT_HINT =
  'keys: an optional DNS-subdomain prefix and "/", then up to 63 letters, digits, "-", "_" or "."; taint values: up to 63 of the same, starting and ending with a letter or digit';
const NAME_FORMAT =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_FORMAT =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const LONG_BAD_VALUE = 'a'.repeat(63) + '-';

interface Case {
  readonly name: string;
  /** Lines after the header. */
  readonly yaml: readonly string[];
  readonly problems: readonly ExpectedProblem[];
}

const CASES: Case[] = [
  // ---- labels ----------------------------------------------------------------------------------
  {
    name: 'labels Kubernetes accepts, with an empty value and the kubelet’s own prefixes',
    yaml: ng(
      'labels: {role: web, example.com/team: a-b_c.d, empty: "", node.kubernetes.io/pool: x, kubernetes.io/os: linux}',
    ),
    problems: [],
  },
  {
    name: 'reserved prefixes: one problem listing them all, at the first',
    yaml: ng('labels: {ok: y, kubernetes.io/a: x, k8s.io/b: z}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].labels["kubernetes.io/a"]',
        at: 'kubernetes.io/a',
        message:
          'the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: [kubernetes.io/a k8s.io/b]',
        hint: 'use a prefix of your own (e.g. example.com/role); under kubernetes.io and k8s.io the kubelet sets only node.kubernetes.io/…, kubelet.kubernetes.io/… and its well-known labels',
      },
    ],
  },
  {
    name: 'a key with two slashes',
    yaml: ng('labels: {a/b/c: d}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].labels["a/b/c"]',
        at: 'a/b/c',
        message: 'node label key "a/b/c" is of invalid format, can only use one \'/\' separator',
        hint: LABEL_HINT,
      },
    ],
  },
  {
    name: 'a key with a space',
    yaml: ng('labels: {bad key: v}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].labels["bad key"]',
        at: 'bad key',
        message: `label "bad key" is invalid - [${NAME_FORMAT}]`,
        hint: LABEL_HINT,
      },
    ],
  },
  {
    name: 'a value with a space (it would split into kubelet flags)',
    yaml: ng('labels: {role: "a b"}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].labels.role',
        at: '"a b"',
        message: `label "role" has invalid value "a b" - [${VALUE_FORMAT}]`,
        hint: LABEL_HINT,
      },
    ],
  },
  {
    name: 'a value too long and ending in a dash: both errors',
    yaml: ng(`labels: {role: ${LONG_BAD_VALUE}}`),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].labels.role',
        at: LONG_BAD_VALUE,
        message: `label "role" has invalid value "${'a'.repeat(60)}…" - [must be no more than 63 characters ${VALUE_FORMAT}]`,
        hint: LABEL_HINT,
      },
    ],
  },
  // ---- taints ----------------------------------------------------------------------------------
  {
    name: 'taints in both forms, values empty or not',
    yaml: ng('taints: [{key: a, value: b, effect: NoSchedule}, {key: example.com/c, value: "", effect: NoExecute}]'),
    problems: [],
  },
  {
    name: 'map-form taints',
    yaml: ng('taints: {a: "b:NoSchedule", c: "NoExecute", d: ":PreferNoSchedule"}'),
    problems: [],
  },
  {
    name: 'an empty taint key (list form: at the value)',
    yaml: ng('taints: [{key: "", value: "", effect: NoSchedule}]'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].taints[0].key',
        at: '""',
        message: 'taint key must be non-empty',
        hint: 'give the taint a key, e.g. dedicated',
      },
    ],
  },
  {
    name: 'a taint key with both parts empty: every error, joined',
    yaml: ng('taints: [{key: /, value: b, effect: NoSchedule}]'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].taints[0].key',
        at: '/,',
        message: 'invalid taint key: /, prefix part must be non-empty; name part must be non-empty',
        hint: TAINT_HINT,
      },
    ],
  },
  {
    name: 'a map-form taint key with a space (at the key)',
    yaml: ng('taints: {"a b": "c:NoSchedule"}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].taints["a b"]',
        at: '"a b"',
        message: `invalid taint key: a b, ${NAME_FORMAT}`,
        hint: TAINT_HINT,
      },
    ],
  },
  {
    name: 'a taint value too long and ending in a dash: both errors, joined',
    yaml: ng(`taints: [{key: a, value: ${LONG_BAD_VALUE}, effect: NoSchedule}]`),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].taints[0].value',
        at: LONG_BAD_VALUE,
        message: `invalid taint value: ${LONG_BAD_VALUE}, must be no more than 63 characters; ${VALUE_FORMAT}`,
        hint: TAINT_HINT,
      },
    ],
  },
  {
    name: 'a map-form taint value with a space (at the value)',
    yaml: ng('taints: {k: "a b:NoSchedule"}'),
    problems: [
      {
        rule: 'VALUE',
        path: 'nodeGroups[0].taints.k',
        at: '"a b',
        message: `invalid taint value: a b, ${VALUE_FORMAT}`,
        hint: TAINT_HINT,
      },
    ],
  },
  {
    name: 'labels and taints of a managed nodegroup too',
    yaml: [
      'managedNodeGroups:',
      '  - name: m1',
      '    privateNetworking: true',
      '    labels: {kubernetes.io/a: x}',
      '    taints: [{key: "", effect: NoSchedule}]',
    ],
    problems: [
      {
        rule: 'VALUE',
        path: 'managedNodeGroups[0].labels["kubernetes.io/a"]',
        at: 'kubernetes.io/a',
        message:
          'the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: [kubernetes.io/a]',
        hint: 'use a prefix of your own (e.g. example.com/role); under kubernetes.io and k8s.io the kubelet sets only node.kubernetes.io/…, kubelet.kubernetes.io/… and its well-known labels',
      },
      {
        rule: 'VALUE',
        path: 'managedNodeGroups[0].taints[0].key',
        at: '""',
        message: 'taint key must be non-empty',
        hint: 'give the taint a key, e.g. dedicated',
      },
    ],
  },
];

describe('nodegroup labels and taints', () => {
  it.each(CASES)('$name', (c) => {
    const text = lines(HEADER, ...c.yaml);
    const result = load(text);
    expect(result.problems).toEqual(problemsIn(text, c.problems));
    expect(result.config === undefined).toBe(c.problems.length > 0);
  });
});
