/**
 * The config layer's small parts: CIDR arithmetic, field paths, the eksctl field-name generator,
 * and agreement with the plan layer's endpoint-service catalog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrsOverlap,
  formatIpv4,
  hasHostBits,
  lastAddress,
  parseIpv4Cidr,
  splitCidr,
} from '../../../src/config/cidr.js';
import {
  ADDITIONAL_ENDPOINT_SERVICES,
  ALWAYS_CREATED_ENDPOINT_SERVICES,
} from '../../../src/config/endpoint-services.js';
import { formatPath, fromPointer, toPointer } from '../../../src/config/path.js';
import { REGIONS_WITHOUT_PRIVATE_CLUSTERS } from '../../../src/config/regions.js';
import {
  CATALOG_ADDITIONAL_ENDPOINT_SERVICES as PLAN_ADDITIONAL,
  REQUIRED_ENDPOINT_SERVICES as PLAN_REQUIRED,
} from '../../../src/plan/catalog/endpoint-services.js';
import { OFFLINE_REGION_GAPS } from '../../../src/plan/catalog/known-gaps.js';
import { generateEksctlFields } from '../../../scripts/gen-eksctl-paths.js';
import { repoRoot } from '../../helpers/python-tools.js';

describe('IPv4 CIDRs', () => {
  it('parses dotted quads with a prefix, and nothing else', () => {
    expect(parseIpv4Cidr('192.168.0.0/16')).toMatchObject({ prefix: 16, canonical: '192.168.0.0/16' });
    for (const bad of ['192.168.0.0', '192.168.0.0/33', '256.0.0.0/8', '10.0.0/8', '010.0.0.0/8', 'fd00::/8', '']) {
      expect(parseIpv4Cidr(bad), bad).toBeUndefined();
    }
  });

  it('knows host bits, containment and overlap', () => {
    const vpc = parseIpv4Cidr('10.0.0.0/16')!;
    expect(hasHostBits(parseIpv4Cidr('10.0.0.1/16')!)).toBe(true);
    expect(parseIpv4Cidr('10.0.0.1/16')!.canonical).toBe('10.0.0.0/16');
    expect(cidrContains(vpc, parseIpv4Cidr('10.0.255.0/24')!)).toBe(true);
    expect(cidrContains(vpc, parseIpv4Cidr('10.1.0.0/24')!)).toBe(false);
    expect(cidrContains(vpc, parseIpv4Cidr('10.0.0.0/8')!)).toBe(false);
    expect(cidrsOverlap(parseIpv4Cidr('10.0.0.0/19')!, parseIpv4Cidr('10.0.16.0/20')!)).toBe(true);
    expect(cidrsOverlap(parseIpv4Cidr('10.0.0.0/19')!, parseIpv4Cidr('10.0.32.0/19')!)).toBe(false);
    expect(cidrsOverlap(parseIpv4Cidr('0.0.0.0/0')!, parseIpv4Cidr('255.255.255.255/32')!)).toBe(true);
  });

  it('splits a block into the first blocks of a longer prefix, and writes addresses back', () => {
    const blocks = splitCidr(parseIpv4Cidr('192.168.0.0/16')!, 19, 3).map((b) => b.canonical);
    expect(blocks).toEqual(['192.168.0.0/19', '192.168.32.0/19', '192.168.64.0/19']);
    expect(formatIpv4(parseIpv4Cidr('255.255.255.255/32')!.network)).toBe('255.255.255.255');
    expect(lastAddress(parseIpv4Cidr('10.0.0.0/24')!)).toBe(parseIpv4Cidr('10.0.0.255/32')!.network);
  });
});

describe('field paths', () => {
  it('shows indexes in brackets and quotes keys that are not plain words', () => {
    expect(formatPath(['nodeGroups', 0, 'privateNetworking'])).toBe('nodeGroups[0].privateNetworking');
    expect(formatPath(['vpc', 'subnets', 'private', 'us-west-2a', 'cidr'])).toBe('vpc.subnets.private.us-west-2a.cidr');
    expect(formatPath(['nodeGroups', 1, 'labels', 'node.k8s.io/role'])).toBe(
      'nodeGroups[1].labels["node.k8s.io/role"]',
    );
    expect(formatPath([])).toBe('');
  });

  it('round-trips JSON pointers, numbers becoming indexes only inside lists', () => {
    const value = { labels: { '0': 'x', 'a/b~c': 'y' }, list: ['p'] };
    for (const p of [
      ['labels', '0'],
      ['labels', 'a/b~c'],
      ['list', 0],
    ]) {
      expect(fromPointer(toPointer(p), value)).toEqual(p);
    }
    expect(toPointer(['labels', 'a/b~c'])).toBe('/labels/a~1b~0c');
  });
});

describe('eksctl field names (scripts/gen-eksctl-paths.ts)', () => {
  const schema = {
    $ref: '#/definitions/Root',
    definitions: {
      Root: {
        properties: {
          name: { type: 'string' },
          groups: { type: 'array', items: { $ref: '#/definitions/Group' } },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
          subnets: { $ref: '#/definitions/SubnetMap' },
          taints: { $ref: '#/definitions/TaintList' },
          arn: { $ref: '#/definitions/ARN' },
        },
      },
      Group: { properties: { size: { type: 'integer' }, doc: { $ref: '#/definitions/Doc' } } },
      SubnetMap: { type: 'object', additionalProperties: { $ref: '#/definitions/Subnet' } },
      Subnet: { properties: { id: { type: 'string' } } },
      TaintList: { type: 'array', items: { $ref: '#/definitions/Taint' } },
      Taint: { properties: { key: { type: 'string' } } },
      Doc: { type: 'object', additionalProperties: {} },
      ARN: { $ref: '#/definitions/Str' },
      Str: { type: 'string' },
      Unused: { properties: { x: { type: 'string' } } },
    },
  };

  it('keeps names and nesting of the types reachable from the root, lists being transparent', () => {
    const fields = generateEksctlFields(schema);
    expect(fields.root).toBe('Root');
    expect(fields.types).toEqual({
      Doc: { values: null },
      Group: { fields: { doc: 'Doc', size: null } },
      Root: { fields: { arn: null, groups: 'Group', name: null, subnets: 'SubnetMap', taints: 'Taint', tags: '*' } },
      Subnet: { fields: { id: null } },
      SubnetMap: { values: 'Subnet' },
      Taint: { fields: { key: null } },
    });
  });

  it('the committed data covers the fields of SPEC §2 and the unsupported ones', () => {
    const data = JSON.parse(readFileSync(path.join(repoRoot, 'src/config/data/eksctl-fields.json'), 'utf8')) as {
      types: Record<string, { fields?: Record<string, string | null> }>;
    };
    expect(Object.keys(data.types['ClusterConfig']!.fields!)).toEqual(
      expect.arrayContaining(['privateCluster', 'vpc', 'nodeGroups', 'gitops', 'karpenter', 'outpost', 'localZones']),
    );
    expect(data.types['ClusterConfig']!.fields!['nodeGroups']).toBe('NodeGroup');
    expect(Object.keys(data.types['NodeGroup']!.fields!)).toEqual(
      expect.arrayContaining(['privateNetworking', 'outpostARN', 'instancesDistribution', 'kubeletExtraConfig']),
    );
  });
});

describe('agreement with the plan layer', () => {
  it('accepts in additionalEndpointServices exactly what the plan catalog can create', () => {
    expect([...ADDITIONAL_ENDPOINT_SERVICES].sort()).toEqual([...PLAN_ADDITIONAL].sort());
    expect([...ALWAYS_CREATED_ENDPOINT_SERVICES].sort()).toEqual([...PLAN_REQUIRED].sort());
  });

  it('knows the same regions without fully-private clusters (V20)', () => {
    expect(REGIONS_WITHOUT_PRIVATE_CLUSTERS.map((r) => [r.region, r.missing])).toEqual(
      OFFLINE_REGION_GAPS.map((r) => [r.region, r.missing]),
    );
  });
});
