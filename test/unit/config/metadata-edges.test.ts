/**
 * The metadata rules (rules/metadata.ts) at the edges the table in metadata-rules.test.ts leaves
 * open: a metadata block of the wrong type, and where V20 points when the file's region is empty
 * and the region comes from --region. Written to kill surviving mutants.
 */
import { describe, expect, it } from 'vitest';
import { lines, load, locate } from './support.js';
import { problemsIn } from './problem-table.js';

const HEAD = ['apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig'];
const PRIVATE = 'privateCluster: {enabled: true}';

describe('V15: metadata of the wrong type', () => {
  it('gets the type problem only, no "metadata must be set"', () => {
    const text = lines(...HEAD, 'metadata: 5', PRIVATE);
    expect(load(text).problems).toEqual([
      {
        rule: 'TYPE',
        severity: 'error',
        path: 'metadata',
        message: 'expected a mapping, got the number 5',
        file: 'test.yaml',
        ...locate(text, '5', 2),
      },
    ]);
  });
});

describe('V20: a region from --region when the file has an empty one', () => {
  it('points V15 and V20 where the region would be added (the metadata key), not at the empty value', () => {
    const text = lines(...HEAD, 'metadata: {name: c1, region: ""}', PRIVATE);
    expect(load(text, { region: 'eu-south-1' }).problems).toEqual(
      problemsIn(text, [
        {
          rule: 'V15',
          path: 'metadata.region',
          at: 'metadata',
          message: 'metadata.region must be set',
          hint: 'add region: eu-south-1 under metadata (--region is not read for a config file, as in eksctl)',
        },
        {
          rule: 'V20',
          path: 'metadata.region',
          at: 'metadata',
          message:
            'fully-private clusters are not supported in region "eu-south-1": a required VPC endpoint service is not offered there (per eksctl; `private-eks doctor` asks AWS which)',
          hint: 'choose another region',
        },
      ]),
    );
  });
});
