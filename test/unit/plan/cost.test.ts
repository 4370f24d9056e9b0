/**
 * The endpoints' cost (SPEC §10): interface endpoints × their zones × the hourly rate; gateways
 * free; reused endpoints add nothing; monthly = hourly × 730; dated and called an estimate.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, createOfflineFacts, estimateCost, PRICE_TABLE_DATE } from '../../../src/plan/index.js';
import type { PlannedEndpoint } from '../../../src/plan/index.js';
import { resolvedConfig, seedMinimalConfig } from '../../helpers/resolved-config.js';

describe('estimateCost', () => {
  it('the seed minimal cluster in us-west-2: 4 interface endpoints × 3 zones × $0.01 = $0.12/h, $87.60/month', async () => {
    const plan = (await buildPlan(seedMinimalConfig(), createOfflineFacts())).plan!;
    expect(plan.cost).toMatchObject({
      priceDate: PRICE_TABLE_DATE,
      currency: 'USD',
      interfaceEndpointAzHours: 0.01,
      perGbProcessed: 0.01,
      hourly: 0.12,
      monthly: 87.6,
    });
    expect(plan.cost.lines).toEqual([
      { service: 'ec2', type: 'Interface', azs: 3, hourly: 0.03 },
      { service: 'ecr.api', type: 'Interface', azs: 3, hourly: 0.03 },
      { service: 'ecr.dkr', type: 'Interface', azs: 3, hourly: 0.03 },
      { service: 's3', type: 'Gateway', azs: 3, hourly: 0 },
      { service: 'sts', type: 'Interface', azs: 3, hourly: 0.03 },
    ]);
    expect(plan.cost.note).toContain('estimate');
    expect(plan.cost.note).toContain(PRICE_TABLE_DATE);
  });

  it('us-east-1 (2 zones) with logging and 2 additional services: 7 × 2 × $0.01', async () => {
    const config = resolvedConfig({
      metadata: { region: 'us-east-1' },
      cloudWatch: { enableTypes: ['api'] },
      privateCluster: { additionalEndpointServices: ['autoscaling', 'eks'] },
    });
    const cost = (await buildPlan(config, createOfflineFacts())).plan!.cost;
    expect(cost.hourly).toBe(0.14);
    expect(cost.monthly).toBe(102.2);
  });

  it('a region with a higher rate uses it, and says so', async () => {
    const cost = (await buildPlan(resolvedConfig({ metadata: { region: 'ap-northeast-1' } }), createOfflineFacts()))
      .plan!.cost;
    expect(cost.interfaceEndpointAzHours).toBe(0.014);
    expect(cost.hourly).toBe(0.168);
    expect(cost.monthly).toBe(122.64);
    expect(cost.note).toContain('ap-northeast-1 rate');
  });

  it('reused endpoints and gateways cost nothing new', () => {
    const endpoint = (service: string, type: 'Interface' | 'Gateway', reused: boolean): PlannedEndpoint => ({
      service,
      type,
      serviceName: `com.amazonaws.us-west-2.${service}`,
      logicalId: 'x',
      reason: 'required',
      availabilityZones: ['a', 'b', 'c'],
      skippedAvailabilityZones: [],
      subnets: [],
      routeTables: [],
      reused,
      existingId: reused ? 'vpce-1' : null,
    });
    const cost = estimateCost('us-west-2', 'aws', [
      endpoint('ec2', 'Interface', true),
      endpoint('s3', 'Gateway', false),
      endpoint('sts', 'Interface', false),
    ]);
    expect(cost.hourly).toBe(0.03);
    expect(cost.note).toContain('reused endpoints add nothing');
  });

  it('China is flagged as indicative (billed in CNY)', () => {
    expect(estimateCost('cn-north-1', 'aws-cn', []).note).toContain('CNY');
  });
});
