import { describe, expect, it } from 'vitest';
import { eksctlFieldTable, EKSCTL_FIELDS, FIELD_SUPPORT } from '../../../src/config/field-support.js';
import { implementsEksctlField } from '../../../src/config/fields.js';

describe("the table of eksctl's fields (built, built differently, refused)", () => {
  const table = eksctlFieldTable(implementsEksctlField);

  it('classifies every field of eksctl schema, each with a reason when it is not simply built', () => {
    const all = Object.entries(EKSCTL_FIELDS.types).flatMap(([type, info]) =>
      Object.keys(info.fields ?? {}).map((field) => `${type}.${field}`),
    );
    expect(new Set(table.map((r) => `${r.type}.${r.field}`))).toEqual(new Set(all));
    const unclassified = table.filter((r) => r.note === 'no classification').map((r) => `${r.type}.${r.field}`);
    expect(unclassified).toEqual([]);
    for (const row of table) {
      if (row.status === 'refused') {
        expect(row.note, `${row.path}: why`).toBeTruthy();
        expect(row.instead, `${row.path}: what instead`).toBeTruthy();
      }
      if (row.status === 'built-differently') expect(row.note, `${row.path}: how`).toBeTruthy();
    }
  });

  it('has no row for a field or type eksctl does not have (a typo in the table)', () => {
    const stale = Object.keys(FIELD_SUPPORT).filter((key) => {
      const [type, field] = key.split('.') as [string, string | undefined];
      const info = EKSCTL_FIELDS.types[type];
      return info === undefined || (field !== undefined && !(field in (info.fields ?? {})));
    });
    expect(stale).toEqual([]);
  });

  it('never says "built" for a field the schema does not read', () => {
    const wrong = table.filter((r) => r.status === 'built' && !implementsEksctlField(r.type, r.field));
    expect(wrong.map((r) => r.path)).toEqual([]);
  });

  it('never refuses a field the schema reads unless a rule refuses its values', () => {
    // Fields read only to give their own rule's message (V1–V11, V18).
    const readToRefuse = new Set([
      'ClusterSubnets.public',
      'ClusterConfig.localZones',
      'ClusterConfig.outpost',
      'NodeGroup.localZones',
      'NodeGroup.outpostARN',
      'ManagedNodeGroup.outpostARN',
      'Addon.attachPolicyARNs',
    ]);
    const odd = table.filter(
      (r) =>
        r.status === 'refused' && implementsEksctlField(r.type, r.field) && !readToRefuse.has(`${r.type}.${r.field}`),
    );
    expect(odd.map((r) => `${r.type}.${r.field}`)).toEqual([]);
  });
});
