/**
 * Golden templates: test/golden/templates/<scenario>/<stack>.json, canonical JSON (sorted keys,
 * 2-space indent). Reviewed like code; rewritten only with UPDATE_GOLDENS=1
 * (`npm run test:update-goldens`), never by a plain run. A golden no scenario produces any more is
 * an error too, so stale files cannot linger.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { repoRoot } from '../../helpers/python-tools.js';
import { scenarios } from './scenarios.js';

const GOLDEN_ROOT = path.join(repoRoot, 'test/golden/templates');
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';

describe.each(scenarios())('golden templates of $name', ({ name, plan }) => {
  const dir = path.join(GOLDEN_ROOT, name);
  const rendered = new Map(
    [...renderTemplates(plan)].map(([stack, template]) => [`${stack}.json`, templateJson(template)]),
  );

  if (UPDATE) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of rendered) writeFileSync(path.join(dir, file), text);
  }

  it('has exactly one golden per rendered stack', () => {
    expect(existsSync(dir), `${dir} is missing: run npm run test:update-goldens and review the files`).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([...rendered.keys()].sort());
  });

  it.each([...rendered.keys()])('%s matches its golden', (file) => {
    const golden = readFileSync(path.join(dir, file), 'utf8');
    expect(rendered.get(file)).toBe(golden);
  });
});

describe('golden directories', () => {
  it('hold only scenarios that exist (and the examples)', () => {
    const names = scenarios().map((s) => s.name);
    const dirs = readdirSync(GOLDEN_ROOT).filter((d) => d !== 'examples');
    expect(dirs.sort()).toEqual([...names].sort());
  });
});
