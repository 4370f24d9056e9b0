import { describe, expect, it } from 'vitest';
import { AwsCallCounter } from '../../../src/aws/call-counter.js';

// The counter's bookkeeping; the middleware that feeds it runs against real clients in
// test/integration/proxy.int.test.ts (retries, listeners, proxy log comparison).
describe('AwsCallCounter', () => {
  const event = (action: string, ok = true) => ({ action, ok, attempts: 1, durationMs: 5 });

  it('counts calls per action (keys sorted), attempts and failures', () => {
    const counter = new AwsCallCounter();
    counter.countAttempt();
    counter.countAttempt();
    counter.countCall(event('sts:GetCallerIdentity'));
    counter.countAttempt();
    counter.countCall(event('ec2:DescribeVpcs', false));
    expect(counter.snapshot()).toEqual({
      calls: 2,
      httpRequests: 3,
      byAction: { 'ec2:DescribeVpcs': 1, 'sts:GetCallerIdentity': 1 },
      failed: 1,
    });
    expect(Object.keys(counter.snapshot().byAction)).toEqual(['ec2:DescribeVpcs', 'sts:GetCallerIdentity']);
    counter.reset();
    expect(counter.snapshot()).toEqual({ calls: 0, httpRequests: 0, byAction: {}, failed: 0 });
  });

  it('tells listeners until they unsubscribe; a throwing listener changes nothing', () => {
    const counter = new AwsCallCounter();
    const seen: string[] = [];
    counter.onCall(() => {
      throw new Error('a broken log sink');
    });
    const stop = counter.onCall((e) => seen.push(e.action));
    counter.countCall(event('eks:ListClusters'));
    stop();
    counter.countCall(event('eks:DescribeCluster'));
    expect(seen).toEqual(['eks:ListClusters']);
    expect(counter.snapshot().calls).toBe(2);
  });
});
