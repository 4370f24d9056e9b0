/**
 * Properties of buildPlan over generated configs and facts (fast-check, fixed seed): it never
 * throws, it is deterministic, and every plan keeps the SPEC §4/§5 invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../../src/config/resolved.js';
import {
  CATALOG_ADDITIONAL_ENDPOINT_SERVICES,
  REQUIRED_ENDPOINT_SERVICES,
  buildPlan,
  createOfflineFacts,
} from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/index.js';
import { cidrContains, cidrsOverlap, parseIpv4Cidr } from '../../../src/config/cidr.js';
import { managedNodeGroup, nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, zonesOf } from './memory-facts.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const LETTERS = 'abcdefgh';

const arbitraryCase = fc.record({
  region: fc.constantFrom('us-west-2', 'us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'eu-isoe-west-1'),
  zoneCount: fc.integer({ min: 2, max: 8 }),
  explicitZones: fc.boolean(),
  prefix: fc.integer({ min: 16, max: 24 }),
  additional: fc.uniqueArray(fc.constantFrom(...CATALOG_ADDITIONAL_ENDPOINT_SERVICES), { maxLength: 8 }),
  logging: fc.boolean(),
  skip: fc.boolean(),
  selfManaged: fc.integer({ min: 0, max: 3 }),
  managed: fc.integer({ min: 0, max: 3 }),
  // Per additional service, the zone letters it is missing from (live facts only).
  gaps: fc.dictionary(fc.constantFrom(...CATALOG_ADDITIONAL_ENDPOINT_SERVICES), fc.subarray([...LETTERS])),
  live: fc.boolean(),
  mode: fc.constantFrom('auto' as const, 'always' as const, 'never' as const),
});

type Case = typeof arbitraryCase extends fc.Arbitrary<infer T> ? T : never;

function setUp(c: Case): { config: ResolvedConfig; facts: ReturnType<typeof createOfflineFacts> } {
  const letters = LETTERS.slice(0, c.zoneCount);
  const zones = zonesOf(c.region, Object.fromEntries([...letters].map((l, i) => [l, `z-${i}`])));
  const config = resolvedConfig({
    metadata: { region: c.region },
    availabilityZones: c.explicitZones ? zones.map((z) => z.name) : [],
    vpc: { cidr: `10.0.0.0/${c.prefix}` },
    privateCluster: { skipEndpointCreation: c.skip, additionalEndpointServices: c.skip ? [] : c.additional },
    cloudWatch: { enableTypes: c.logging ? ['api'] : [] },
    nodeGroups: Array.from({ length: c.selfManaged }, (_, i) => nodeGroup(`ng${i}`)),
    managedNodeGroups: Array.from({ length: c.managed }, (_, i) => managedNodeGroup(`m${i}`)),
  });
  const serviceZones = Object.fromEntries(
    Object.entries(c.gaps).map(([service, missing]) => [
      service,
      zones.map((z) => z.name).filter((name) => !missing.includes(name.slice(-1))),
    ]),
  );
  return { config, facts: c.live ? memoryFacts(c.region, { zones, serviceZones }) : createOfflineFacts() };
}

function invariants(plan: Plan): void {
  // E1 first, in order, unless skipped; s3 the only Gateway; no service twice.
  const services = plan.endpoints.map((e) => e.service);
  if (!plan.cluster.privateCluster.skipEndpointCreation)
    expect(services.slice(0, 5)).toEqual(REQUIRED_ENDPOINT_SERVICES);
  expect(new Set(services).size).toBe(services.length);
  for (const e of plan.endpoints) {
    expect(e.type).toBe(e.service === 's3' ? 'Gateway' : 'Interface');
    expect(e.serviceName.endsWith(`.${plan.region.name}.${e.service}`)).toBe(true);
    if (e.type === 'Interface') {
      // One subnet per zone it covers, zones it covers + zones it skips = the cluster's zones.
      expect(e.subnets).toHaveLength(e.availabilityZones.length);
      expect([...e.availabilityZones, ...e.skippedAvailabilityZones].sort()).toEqual(
        [...plan.availabilityZones].sort(),
      );
      expect(e.availabilityZones.length).toBeGreaterThan(0);
    } else {
      expect(e.routeTables).toHaveLength(plan.subnets.length);
    }
  }
  // Private subnets only, inside the VPC, apart.
  const vpc = parseIpv4Cidr(plan.vpc.cidrs[0]!)!;
  const cidrs = plan.subnets.map((s) => parseIpv4Cidr(s.cidr!)!);
  cidrs.forEach((c, i) => {
    expect(cidrContains(vpc, c)).toBe(true);
    for (const other of cidrs.slice(i + 1)) expect(cidrsOverlap(c, other)).toBe(false);
  });
  expect(plan.subnets.every((s) => s.private)).toBe(true);
  // Endpoint access: private-only at the end, public at the start only when switching.
  expect(plan.endpointAccess.final).toEqual({ publicAccess: false, privateAccess: true });
  expect(plan.endpointAccess.initial.publicAccess).toBe(plan.endpointAccess.switchNeeded);
  // Every dependency names an earlier step.
  plan.steps.forEach((step, i) => {
    for (const dep of step.dependsOn) expect(plan.steps.slice(0, i).map((s) => s.id)).toContain(dep);
  });
}

describe('buildPlan over generated configs', () => {
  it('never throws, is deterministic, and keeps the invariants (or reports problems)', async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryCase, async (c) => {
        const first = setUp(c);
        const a = await buildPlan(first.config, first.facts, { endpointSwitch: c.mode });
        const second = setUp(c);
        const b = await buildPlan(second.config, second.facts, { endpointSwitch: c.mode });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        if (a.plan === undefined) {
          expect(a.problems.some((p) => p.severity === 'error')).toBe(true);
          return;
        }
        invariants(a.plan);
        planned += 1;
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    // The generator must mostly produce plannable cases, or the invariants would go unchecked.
    expect(planned).toBeGreaterThan(RUNS / 2);
  });
});
