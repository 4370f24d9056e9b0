/**
 * Every config in examples/ through the real layers — loadConfig, then buildPlan with the offline
 * facts — to templates: compared with test/golden/templates/examples/<file>/<stack>.json (rewritten
 * only with UPDATE_GOLDENS=1) and linted by cfn-lint (zero errors), one process per region.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/types.js';
import { renderTemplates, requiredCapabilities, templateJson } from '../../../src/templates/index.js';
import { formatFinding, lintTemplateTexts } from '../../helpers/cfn-lint.js';
import { repoRoot } from '../../helpers/python-tools.js';
import { allViolations } from './invariants.js';

const EXAMPLES = path.join(repoRoot, 'examples');
const GOLDEN_ROOT = path.join(repoRoot, 'test/golden/templates/examples');
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';

const files = readdirSync(EXAMPLES)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

async function planOf(file: string): Promise<Plan> {
  const loaded = loadConfig({ text: readFileSync(path.join(EXAMPLES, file)), file: `examples/${file}`, env: {} });
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (loaded.config === undefined) throw new Error(`examples/${file} is invalid: ${JSON.stringify(errors)}`);
  const built = await buildPlan(loaded.config, createOfflineFacts());
  if (built.plan === undefined)
    throw new Error(`examples/${file} cannot be planned: ${JSON.stringify(built.problems)}`);
  return built.plan;
}

describe('examples/', () => {
  it('has examples to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const dir = path.join(GOLDEN_ROOT, file.replace(/\.ya?ml$/, ''));

    it('renders templates that match their goldens and keep every invariant', async () => {
      const plan = await planOf(file);
      const templates = renderTemplates(plan);
      const rendered = new Map([...templates].map(([stack, t]) => [`${stack}.json`, templateJson(t)]));
      if (UPDATE) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of rendered) writeFileSync(path.join(dir, name), text);
      }
      expect(existsSync(dir), `${dir} is missing: run npm run test:update-goldens and review it`).toBe(true);
      expect(readdirSync(dir).sort()).toEqual([...rendered.keys()].sort());
      for (const [name, text] of rendered) expect(text, name).toBe(readFileSync(path.join(dir, name), 'utf8'));
      expect(allViolations(plan, templates)).toEqual([]);
      // The plan's capabilities (what deploy passes to CreateStack) cover what each template needs.
      for (const stack of plan.stacks) {
        for (const capability of requiredCapabilities(templates.get(stack.name)!)) {
          expect(stack.capabilities, stack.name).toContain(capability);
        }
      }
    });
  });

  it('lints with no cfn-lint error', { timeout: 300_000 }, async () => {
    const templates = [];
    for (const file of files) {
      const plan = await planOf(file);
      for (const [stack, template] of renderTemplates(plan)) {
        templates.push({ name: `${file}/${stack}.json`, region: plan.region.name, body: templateJson(template) });
      }
    }
    const findings = lintTemplateTexts(templates);
    for (const finding of findings.filter((f) => f.level !== 'Error')) console.log(`  ${formatFinding(finding)}`);
    console.log(
      `cfn-lint: ${templates.length} example templates, ${findings.filter((f) => f.level === 'Error').length} errors`,
    );
    expect(findings.filter((f) => f.level === 'Error').map(formatFinding)).toEqual([]);
  });
});
