/**
 * The generated pages of docs/ match the code they are made from: a changed field table, rule,
 * renderer or example makes this fail until `npm run docs:update` is run (and its diff reviewed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../../../scripts/gen-docs.js';

describe('generated docs', async () => {
  const docs = await generatedDocs();
  it.each([...docs.keys()])('%s is up to date (npm run docs:update)', (path) => {
    const committed = readFileSync(path, 'utf8');
    expect(committed === docs.get(path), `${path} is stale: run npm run docs:update and review the diff`).toBe(true);
  });

  it('network.md has a picture for every example', () => {
    const network = docs.get('docs/network.md')!;
    const examples = readFileSync('README.md', 'utf8').match(/`examples\/[a-z-]+\.yaml`/g) ?? [];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of new Set(examples)) {
      expect(network).toContain(`plan -f ${example.slice(1, -1)} --offline -o mermaid\`:`);
    }
    expect(network.match(/```mermaid\nflowchart TB/g)?.length).toBe(network.match(/^## .*\.yaml$/gm)?.length);
  });
});
