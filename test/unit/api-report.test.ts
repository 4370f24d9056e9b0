/**
 * The library's API report (etc/private-eks.api.md, written by `npm run api:update` and checked by
 * `npm run api:check` in lint): every top-level export has TSDoc, and every type the API uses is
 * exported (no "forgotten export"), so the report reads as the complete, documented surface.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const report = readFileSync('etc/private-eks.api.md', 'utf8');

describe('the API report', () => {
  it('lists the public API', () => {
    for (const name of ['loadConfig', 'buildPlan', 'renderTemplates', 'createCluster', 'deleteCluster', 'getClusters'])
      expect(report).toMatch(new RegExp(`^export (?:function|const) ${name}\\b`, 'm'));
    for (const name of ['renderPlanText', 'renderNetworkMermaid', 'renderProblemsText', 'PrivateEksError'])
      expect(report).toMatch(new RegExp(`^export (?:function|class) ${name}\\b`, 'm'));
  });

  it('has TSDoc on every top-level export', () => {
    const lines = report.split('\n');
    const undocumented = lines.flatMap((line, i) => (line === '// @public (undocumented)' ? [lines[i + 1] ?? ''] : []));
    expect(undocumented).toEqual([]);
  });

  it('exports every type the API refers to', () => {
    expect(report.match(/ae-forgotten-export.*/g) ?? []).toEqual([]);
  });
});
