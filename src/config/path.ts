/**
 * Field paths: a list of keys and indexes internally, shown as `nodeGroups[0].privateNetworking`
 * (SPEC §1), keyed as JSON pointers in the source map (the form TypeBox reports errors in).
 */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

// Keys shown bare after a dot; anything else (label keys with dots or slashes) is quoted.
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['nodeGroups', 0, 'labels', 'node.k8s.io/role']` → `nodeGroups[0].labels["node.k8s.io/role"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (BARE_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** RFC 6901 pointer: `/nodeGroups/0/name`; the root is the empty string. */
export function toPointer(path: FieldPath): string {
  let out = '';
  for (const segment of path) out += '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
  return out;
}

/** The inverse of `toPointer`; numeric segments become indexes only where `value` holds an array. */
export function fromPointer(pointer: string, value: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(key)) {
      path.push(Number(key));
      node = node[Number(key)];
    } else {
      path.push(key);
      node = isRecord(node) ? node[key] : undefined;
    }
  }
  return path;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property; defineProperty, not assignment, so a key named `__proto__` stays an ordinary key. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
