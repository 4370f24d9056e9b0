/**
 * Every eksctl field private-eks builds (the field table, src/config/field-support.ts: built or
 * built differently) is proven on the emulator: it is set in at least one file of
 * test/helpers/emulator-tested-files.ts, whose integration test creates the cluster from it, reads
 * it back and deletes it with nothing left behind. The exceptions are listed below, each with why.
 *
 * "Built" is computed from the table, not listed here: a field counts when it and every field
 * above it on some path from ClusterConfig are not refused (a built field under a refused section
 * cannot be in a file that private-eks accepts). A field is "set" in a file when a mapping of its
 * eksctl type has the key, wherever that type appears (NodeGroupIAM under nodeGroups or
 * managedNodeGroups alike); a field whose value is a section of its own must be set too, so both
 * `addons[].podIdentityAssociations` and the PodIdentityAssociation fields under it count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { eksctlFieldTable, EKSCTL_FIELDS, type EksctlFieldRow } from '../../../src/config/field-support.js';
import { implementsEksctlField } from '../../../src/config/fields.js';
import { EMULATOR_TESTED_FILES, emulatorTestedFile } from '../../helpers/emulator-tested-files.js';
import { repoRoot } from '../../helpers/python-tools.js';

/**
 * Built fields with nothing to prove on the emulator, and why (keyed `<eksctl type>.<field>`): eksctl
 * writes them in its --dry-run output, private-eks accepts them only at values that build nothing.
 */
const ONLY_AS_EKSCTL_WRITES_IT = 'accepted only as eksctl --dry-run writes it for a private cluster';
const NOT_IN_AN_EMULATOR_FILE: Readonly<Record<string, string>> = {
  'ClusterVPC.autoAllocateIPv6': `${ONLY_AS_EKSCTL_WRITES_IT} (false; true is refused): the same as leaving it out`,
  'ClusterVPC.nat': 'ignored with a warning (V18): a fully-private cluster has no NAT gateway, nothing is built',
  'ClusterNAT.gateway': 'part of vpc.nat: ignored with a warning (V18), nothing is built',
  'ClusterVPC.controlPlaneOnPrivateSubnets':
    'accepted with no effect: every subnet of a fully-private cluster is private, the control plane is always on them',
  'ClusterVPC.clusterEndpoints': `${ONLY_AS_EKSCTL_WRITES_IT} (both true), and then asks for nothing: the endpoint access is private-eks's (V2)`,
  'ClusterEndpoints.privateAccess': 'part of vpc.clusterEndpoints: see there',
  'ClusterEndpoints.publicAccess': 'part of vpc.clusterEndpoints: see there',
};

/**
 * Built fields not yet set in an emulator-tested file: issue 10's remaining work, listed so the
 * figure is visible. The test fails when one of these becomes covered (take it off the list) as
 * much as when a built field is neither covered nor listed.
 */
const NOT_YET_PROVEN: Readonly<Record<string, string>> = {};

const key = (type: string, field: string): string => `${type}.${field}`;

interface BuiltField {
  readonly row: EksctlFieldRow;
  /** Its value is not a section with fields of its own. */
  readonly leaf: boolean;
}

/** The built fields: not refused, and reachable from ClusterConfig through fields that are not refused. */
function builtFields(): Map<string, BuiltField> {
  const rows = new Map(eksctlFieldTable(implementsEksctlField).map((r) => [key(r.type, r.field), r]));
  const built = new Map<string, BuiltField>();
  const seen = new Set<string>();
  const visit = (type: string): void => {
    const info = EKSCTL_FIELDS.types[type];
    if (info === undefined || seen.has(type)) return;
    seen.add(type);
    if (info.values !== undefined && info.values !== null) visit(info.values);
    for (const [field, child] of Object.entries(info.fields ?? {})) {
      const row = rows.get(key(type, field));
      if (row === undefined || row.status === 'refused') continue;
      const section = child !== null && child !== '*' && EKSCTL_FIELDS.types[child]?.fields !== undefined;
      built.set(key(type, field), { row, leaf: !section });
      if (child !== null && child !== '*') visit(child);
    }
  };
  visit(EKSCTL_FIELDS.root);
  return built;
}

/** Every `<eksctl type>.<field>` set in a parsed config, wherever its type appears. */
function fieldsSetIn(document: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, type: string | null): void => {
    if (type === null || type === '*' || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, type);
      return;
    }
    const info = EKSCTL_FIELDS.types[type];
    if (info === undefined) return;
    if (info.values !== undefined && info.values !== null) {
      for (const item of Object.values(value)) walk(item, info.values);
    }
    for (const [field, item] of Object.entries(value)) {
      const child = info.fields?.[field];
      if (child === undefined) continue;
      found.add(key(type, field));
      walk(item, child);
    }
  };
  walk(document, EKSCTL_FIELDS.root);
  return found;
}

const built = builtFields();
const entries = Object.entries(EMULATOR_TESTED_FILES) as [
  keyof typeof EMULATOR_TESTED_FILES,
  { file: string; test: string },
][];
const setByFile = new Map(
  entries.map(([name]) => [name, fieldsSetIn(parse(readFileSync(emulatorTestedFile(name), 'utf8')))]),
);
const covered = new Set([...setByFile.values()].flatMap((s) => [...s]));

describe('every built eksctl field is proven on the emulator', () => {
  it.each(entries)(
    '%s: its integration test creates it from the shared list, deletes it and checks for leftovers',
    (name, entry) => {
      expect(entry.test).toMatch(/^test\/integration\/[\w-]+\.int\.test\.ts$/);
      const source = readFileSync(path.join(repoRoot, entry.test), 'utf8');
      expect(source).toContain(`emulatorTestedFile('${name}')`);
      expect(source).toMatch(/'delete',\s*'cluster'/);
      expect(source).toContain('leftovers(');
      expect(source).not.toMatch(/\.(skip|skipIf|todo|only|runIf)\b/);
    },
  );

  it('sets each built field in an emulator-tested file, or says why not', () => {
    const missing = [...built.keys()].filter(
      (field) => !covered.has(field) && !(field in NOT_IN_AN_EMULATOR_FILE) && !(field in NOT_YET_PROVEN),
    );
    expect(missing.map((field) => `${field} (${built.get(field)!.row.path})`)).toEqual([]);
  });

  it('lists no exception that is stale: each is a built field that no emulator-tested file sets', () => {
    for (const list of [NOT_IN_AN_EMULATOR_FILE, NOT_YET_PROVEN]) {
      expect(Object.keys(list).filter((field) => !built.has(field))).toEqual([]);
      expect(Object.keys(list).filter((field) => covered.has(field))).toEqual([]);
      for (const [field, why] of Object.entries(list)) expect(why, field).not.toBe('');
    }
  });

  it('prints the figures', () => {
    const leaves = [...built.values()].filter((f) => f.leaf).length;
    const coveredLeaves = [...built.entries()].filter(([field, f]) => f.leaf && covered.has(field)).length;
    const coveredAll = [...built.keys()].filter((field) => covered.has(field)).length;
    console.info(
      `[field coverage] ${built.size} built fields (${leaves} leaves): ${coveredAll} (${coveredLeaves} leaves) set in ` +
        `${entries.length} emulator-tested files; ${Object.keys(NOT_IN_AN_EMULATOR_FILE).length} cannot be, ` +
        `${Object.keys(NOT_YET_PROVEN).length} not yet proven`,
    );
    expect(built.size).toBeGreaterThan(0);
  });
});
