/**
 * Where each value of the config came from: field path ⇄ file, line and column. Filled while the
 * YAML document is turned into plain data (read.ts); asked by every check that reports a problem.
 */
import { toPointer, type FieldPath } from './path.js';

export interface SourcePosition {
  /** 1-based; 0 when there is no position in the file. */
  readonly line: number;
  readonly column: number;
}

export interface NodeLocation {
  /** Start of the value (for an alias: of the alias itself). */
  readonly value: SourcePosition;
  /** Start of the key, for mapping entries. */
  readonly key?: SourcePosition;
  /**
   * The text of a number as written (`1.30`), for hints about numbers that should be strings; of
   * a null written out (`null`, `~`), to tell it from a key with nothing after it.
   */
  readonly raw?: string;
}

export const NO_POSITION: SourcePosition = { line: 0, column: 0 };

export class SourceMap {
  constructor(
    private readonly locations: ReadonlyMap<string, NodeLocation> = new Map(),
    /** Where the document's root starts (the first content), for problems about the whole file. */
    private readonly rootPosition: SourcePosition = { line: 1, column: 1 },
  ) {}

  has(path: FieldPath): boolean {
    return this.locations.has(toPointer(path));
  }

  /** The source text of the number at `path`, when it is one. */
  raw(path: FieldPath): string | undefined {
    return this.locations.get(toPointer(path))?.raw;
  }

  /** True when the value at `path` is a null written out (`null`, `~`), not a missing value. */
  explicitNull(path: FieldPath): boolean {
    const raw = this.locations.get(toPointer(path))?.raw;
    return raw !== undefined && /^(null|Null|NULL|~)$/.test(raw);
  }

  /** The value at `path`; for a path that is not in the file, where it would be added (`missing`). */
  value(path: FieldPath): SourcePosition {
    return this.locations.get(toPointer(path))?.value ?? this.missing(path);
  }

  /** The key of the entry at `path` (list items and the root have none: their value). */
  key(path: FieldPath): SourcePosition {
    const location = this.locations.get(toPointer(path));
    if (location === undefined) return this.missing(path);
    return location.key ?? location.value;
  }

  /**
   * For a field the file lacks: the parent mapping's position — its key (`metadata:`) when it has
   * one — or the nearest ancestor the file does have, up to the root.
   */
  missing(path: FieldPath): SourcePosition {
    for (let end = path.length - 1; end > 0; end--) {
      const location = this.locations.get(toPointer(path.slice(0, end)));
      if (location !== undefined) return location.key ?? location.value;
    }
    return this.locations.get('')?.value ?? this.rootPosition;
  }
}
