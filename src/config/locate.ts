/**
 * Plan problems carry a field path but no position: the plan works on the resolved config, which
 * has no source map (plan/problems.ts). Where the CLI still has the file's text, this finds the
 * field in it, so a problem only AWS could reveal (an instanceSelector nothing matches, a supplied
 * subnet EC2 does not know) points at its line like the problems `validate` finds.
 */
import type { FieldPath, PathSegment } from './path.js';
import type { Problem } from './problem.js';
import { readConfigDocument } from './read.js';

const SEGMENT = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** `nodeGroups[0].labels["a.b/c"]` → `['nodeGroups', 0, 'labels', 'a.b/c']`; undefined when not a path. */
export function parseFieldPath(text: string): FieldPath | undefined {
  const path: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < text.length) {
    const match = SEGMENT.exec(text);
    if (match === null) return undefined;
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(JSON.parse(match[3] ?? '""') as string);
  }
  return path;
}

/** The problems, each without a position given the position of its field when the file has that field. */
export function locateProblems(problems: readonly Problem[], text: string | undefined): Problem[] {
  if (text === undefined || problems.every((p) => p.line > 0)) return [...problems];
  const { sourceMap } = readConfigDocument(text, 'located');
  return problems.map((p) => {
    if (p.line > 0) return p;
    const path = parseFieldPath(p.path);
    if (path === undefined || path.length === 0 || !sourceMap.has(path)) return p;
    const at = sourceMap.key(path);
    return { ...p, line: at.line, column: at.column };
  });
}
