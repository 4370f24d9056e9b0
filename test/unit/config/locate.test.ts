/**
 * Plan problems located in the file's text (config/locate.ts): the CLI gives a problem found
 * while planning the line and column of its field when the file has the field.
 */
import { describe, expect, it } from 'vitest';
import { locateProblems, parseFieldPath } from '../../../src/config/locate.js';
import type { Problem } from '../../../src/config/problem.js';

const planProblem = (path: string): Problem => ({
  rule: 'VALUE',
  severity: 'error',
  path,
  message: 'm',
  file: 'f.yaml',
  line: 0,
  column: 0,
});

describe('locateProblems', () => {
  it('parses field paths as formatPath writes them', () => {
    expect(parseFieldPath('managedNodeGroups[0].instanceSelector')).toEqual([
      'managedNodeGroups',
      0,
      'instanceSelector',
    ]);
    expect(parseFieldPath('nodeGroups[1].labels["a.b/c"]')).toEqual(['nodeGroups', 1, 'labels', 'a.b/c']);
    expect(parseFieldPath('not a path')).toBeUndefined();
  });

  it("gives a plan problem its field's position, and leaves the others as they are", () => {
    const text = [
      'metadata:',
      '  name: c1',
      'managedNodeGroups:',
      '  - name: m1',
      '    instanceSelector: {vCPUs: 3}',
      '',
    ].join('\n');
    const located = locateProblems(
      [planProblem('managedNodeGroups[0].instanceSelector'), planProblem('vpc.subnets'), planProblem('')],
      text,
    );
    expect(located.map((p) => [p.path, p.line, p.column])).toEqual([
      ['managedNodeGroups[0].instanceSelector', 5, 5],
      ['vpc.subnets', 0, 0],
      ['', 0, 0],
    ]);
    expect(locateProblems([planProblem('metadata.name')], undefined)[0]?.line).toBe(0);
  });
});
