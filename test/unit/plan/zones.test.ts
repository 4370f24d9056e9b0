/**
 * Zone choice (SPEC §4): 3 zones (2 in us-east-1), EKS capacity exclusions skipped, zones offering
 * every planned interface service preferred [beyond], deterministic.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, chooseZones, createOfflineFacts } from '../../../src/plan/index.js';
import { resolvedConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, zonesOf } from './memory-facts.js';

// us-east-1 as moto lists it (TESTBED §2.2): a..f = use1-az6/az1/az2/az4/az3/az5.
const US_EAST_1 = zonesOf('us-east-1', {
  a: 'use1-az6',
  b: 'use1-az1',
  c: 'use1-az2',
  d: 'use1-az4',
  e: 'use1-az3',
  f: 'use1-az5',
});

describe('chooseZones', () => {
  it('takes 3 zones by name in most regions', () => {
    const zones = zonesOf('us-west-2', { d: 'usw2-az4', a: 'usw2-az2', c: 'usw2-az3', b: 'usw2-az1' });
    expect(chooseZones('us-west-2', zones, []).zones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
  });

  it('takes 2 in us-east-1', () => {
    expect(chooseZones('us-east-1', US_EAST_1, []).zones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('skips zones without EKS capacity (by zone ID: use1-az3, usw1-az2, cac1-az3)', () => {
    const usWest1 = zonesOf('us-west-1', { a: 'usw1-az2', b: 'usw1-az1', c: 'usw1-az3' });
    expect(chooseZones('us-west-1', usWest1, []).zones).toEqual(['us-west-1b', 'us-west-1c']);
    const ca = zonesOf('ca-central-1', { a: 'cac1-az1', b: 'cac1-az2', c: 'cac1-az3', d: 'cac1-az4' });
    expect(chooseZones('ca-central-1', ca, []).zones).toEqual(['ca-central-1a', 'ca-central-1b', 'ca-central-1d']);
    // use1-az3 is us-east-1e in this account: never chosen even when it is the only one offering a service.
    expect(chooseZones('us-east-1', US_EAST_1, [['us-east-1e']]).zones).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('prefers zones where every planned interface service is offered', () => {
    const zones = zonesOf('us-west-2', { a: 'usw2-az2', b: 'usw2-az1', c: 'usw2-az3', d: 'usw2-az4' });
    const offered = [null, ['us-west-2b', 'us-west-2c', 'us-west-2d'], ['us-west-2a', 'us-west-2c', 'us-west-2d']];
    expect(chooseZones('us-west-2', zones, offered).zones).toEqual(['us-west-2a', 'us-west-2c', 'us-west-2d']);
  });

  it('skips zones that are not available or not availability zones', () => {
    const zones = [
      ...zonesOf('us-west-2', { a: 'usw2-az2', b: 'usw2-az1' }),
      { name: 'us-west-2-lax-1a', zoneId: 'usw2-lax1-az1', zoneType: 'local-zone', state: 'available' },
      { name: 'us-west-2c', zoneId: 'usw2-az3', zoneType: 'availability-zone', state: 'impaired' },
    ];
    expect(chooseZones('us-west-2', zones, []).zones).toEqual(['us-west-2a', 'us-west-2b']);
  });

  it('fewer than 2 usable zones is V14', () => {
    const choice = chooseZones('us-west-1', zonesOf('us-west-1', { a: 'usw1-az2', b: 'usw1-az1' }), []);
    expect(choice.problems).toEqual([expect.objectContaining({ rule: 'V14' })]);
  });
});

describe('zones in a plan', () => {
  it('offline: the catalog letters, 2 in us-east-1, ap-northeast-1 without b', async () => {
    const zonesFor = async (region: string) =>
      (await buildPlan(resolvedConfig({ metadata: { region } }), createOfflineFacts())).plan?.availabilityZones;
    expect(await zonesFor('us-east-1')).toEqual(['us-east-1a', 'us-east-1b']);
    expect(await zonesFor('us-west-2')).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(await zonesFor('ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
    expect(await zonesFor('ap-southeast-7')).toEqual(['ap-southeast-7a', 'ap-southeast-7b', 'ap-southeast-7c']);
  });

  it('live: zones where an additional service is missing are avoided', async () => {
    const config = resolvedConfig({ privateCluster: { additionalEndpointServices: ['eks'] } });
    const facts = memoryFacts('us-west-2', { serviceZones: { eks: ['us-west-2b', 'us-west-2c', 'us-west-2d'] } });
    const plan = (await buildPlan(config, facts)).plan!;
    expect(plan.availabilityZones).toEqual(['us-west-2b', 'us-west-2c', 'us-west-2d']);
    expect(plan.endpoints.every((e) => e.skippedAvailabilityZones.length === 0)).toBe(true);
  });

  it('the same facts give the same zones every time', async () => {
    const config = resolvedConfig();
    const runs = await Promise.all([1, 2, 3].map(() => buildPlan(config, memoryFacts('us-west-2'))));
    expect(new Set(runs.map((r) => JSON.stringify(r.plan))).size).toBe(1);
  });

  it('live: an explicit zone the region does not have is V14; one without EKS capacity a warning', async () => {
    const config = resolvedConfig({
      metadata: { region: 'us-east-1' },
      availabilityZones: ['us-east-1e', 'us-east-1z'],
    });
    const result = await buildPlan(config, memoryFacts('us-east-1', { zones: US_EAST_1 }));
    expect(result.problems.map((p) => [p.rule, p.severity, p.path])).toEqual([
      ['V14', 'error', 'availabilityZones[1]'],
      ['V14', 'warning', 'availabilityZones[0]'],
    ]);
  });
});
