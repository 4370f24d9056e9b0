/**
 * cfn-lint over every golden template (as stored on disk) and every template the template tests
 * render (the scenarios and the generated plans): zero errors. One cfn-lint process per region;
 * warnings are printed, not failed on (W3010, hard-coded zones, is ignored on purpose).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { formatFinding, lintTemplateTexts } from '../../helpers/cfn-lint.js';
import type { TemplateToLint } from '../../helpers/cfn-lint.js';
import { repoRoot } from '../../helpers/python-tools.js';
import { generatedPlans } from './generated-plans.js';
import { scenarios } from './scenarios.js';

const GOLDEN_ROOT = path.join(repoRoot, 'test/golden/templates');

function goldenTemplates(): TemplateToLint[] {
  const out: TemplateToLint[] = [];
  for (const { name, plan } of scenarios()) {
    for (const file of readdirSync(path.join(GOLDEN_ROOT, name)).sort()) {
      out.push({
        name: `golden/${name}/${file}`,
        region: plan.region.name,
        body: readFileSync(path.join(GOLDEN_ROOT, name, file), 'utf8'),
      });
    }
  }
  return out;
}

function generatedTemplates(): TemplateToLint[] {
  return generatedPlans(40).flatMap((plan, index) =>
    [...renderTemplates(plan)].map(([stack, template]) => ({
      name: `generated/${index}/${stack}.json`,
      region: plan.region.name,
      body: templateJson(template),
    })),
  );
}

describe('cfn-lint', () => {
  it('finds no error in the goldens and the generated templates', { timeout: 600_000 }, () => {
    const templates = [...goldenTemplates(), ...generatedTemplates()];
    const findings = lintTemplateTexts(templates);
    const warnings = findings.filter((f) => f.level !== 'Error');
    const regions = new Set(templates.map((t) => t.region));
    console.log(
      `cfn-lint: ${templates.length} templates in ${regions.size} regions, ${findings.length - warnings.length} errors, ${warnings.length} warnings`,
    );
    for (const warning of warnings) console.log(`  ${formatFinding(warning)}`);
    expect(templates.length).toBeGreaterThan(100);
    expect(findings.filter((f) => f.level === 'Error').map(formatFinding)).toEqual([]);
  });

  it('reports errors when there are some (the linter really runs)', { timeout: 60_000 }, () => {
    const findings = lintTemplateTexts([
      {
        name: 'broken.json',
        region: 'us-west-2',
        body: JSON.stringify({
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: 'sometimes' } },
          },
        }),
      },
    ]);
    expect(findings.some((f) => f.level === 'Error' && f.path.includes('EnableDnsSupport'))).toBe(true);
  });
});
