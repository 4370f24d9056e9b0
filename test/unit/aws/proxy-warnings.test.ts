import { describe, expect, it } from 'vitest';
import {
  appendNoProxy,
  awsDnsSuffix,
  clusterEndpointNoProxyEntry,
  proxyWarnings,
  sampleClusterEndpointHost,
} from '../../../src/aws/proxy-warnings.js';
import { parseNoProxy, bypassesProxy } from '../../../src/aws/no-proxy.js';

const ids = (env: Record<string, string>, region = 'us-west-2') => proxyWarnings({ env, region }).map((w) => w.id);

describe('proxyWarnings', () => {
  it('says nothing without a proxy', () => {
    expect(proxyWarnings({ env: {}, region: 'us-west-2' })).toEqual([]);
    expect(proxyWarnings({ env: { NO_PROXY: 'x' }, region: 'us-west-2' })).toEqual([]);
  });

  it('warns when HTTPS_PROXY would carry the cluster endpoint, with the exact NO_PROXY value to set', () => {
    const [warning] = proxyWarnings({
      env: { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'localhost,169.254.169.254' },
      region: 'us-west-2',
    });
    expect(warning?.id).toBe('cluster-endpoint-through-proxy');
    expect(warning?.message).toContain('NO_PROXY does not cover .eks.amazonaws.com');
    expect(warning?.message).toContain('http://proxy.corp:3128');
    expect(warning?.fix).toBe('NO_PROXY=localhost,169.254.169.254,.eks.amazonaws.com');
  });

  it('keeps the spelling the user used and handles an empty NO_PROXY', () => {
    expect(proxyWarnings({ env: { https_proxy: 'http://p:1', no_proxy: 'a.com,' }, region: 'us-west-2' })[0]?.fix).toBe(
      'no_proxy=a.com,.eks.amazonaws.com',
    );
    expect(proxyWarnings({ env: { HTTPS_PROXY: 'http://p:1' }, region: 'us-west-2' })[0]?.fix).toBe(
      'NO_PROXY=.eks.amazonaws.com',
    );
  });

  it('is satisfied by any NO_PROXY that covers cluster endpoints', () => {
    for (const noProxy of [
      '.eks.amazonaws.com',
      'eks.amazonaws.com',
      '.amazonaws.com',
      'amazonaws.com',
      '*',
      '*.eks.amazonaws.com',
    ]) {
      expect(ids({ HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy })).toEqual([]);
    }
  });

  it('names the China suffix in China regions, where .eks.amazonaws.com would not match', () => {
    const [warning] = proxyWarnings({
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.eks.amazonaws.com' },
      region: 'cn-north-1',
    });
    expect(warning?.fix).toBe('NO_PROXY=.eks.amazonaws.com,.eks.amazonaws.com.cn');
  });

  it('notes that HTTP_PROXY alone leaves AWS calls direct', () => {
    const warnings = proxyWarnings({ env: { HTTP_PROXY: 'http://p:1' }, region: 'us-west-2' });
    expect(warnings.map((w) => w.id)).toEqual(['https-proxy-missing']);
    expect(warnings[0]?.fix).toBe('if AWS is reachable only through the proxy, set HTTPS_PROXY=http://p:1');
  });

  it('flags a proxy value that is not a URL and never prints its password', () => {
    const warnings = proxyWarnings({
      env: { HTTPS_PROXY: 'ftp://user:secret@p:1', NO_PROXY: '*' },
      region: 'us-west-2',
    });
    expect(warnings.map((w) => w.id)).toEqual(['proxy-url-invalid']);
    expect(JSON.stringify(warnings)).not.toContain('secret');
  });
});

describe('cluster endpoint names', () => {
  it('per partition', () => {
    expect(awsDnsSuffix('us-gov-west-1')).toBe('amazonaws.com');
    expect(awsDnsSuffix('cn-northwest-1')).toBe('amazonaws.com.cn');
    expect(awsDnsSuffix('us-iso-east-1')).toBe('c2s.ic.gov');
    expect(awsDnsSuffix('us-isob-east-1')).toBe('sc2s.sgov.gov');
    expect(clusterEndpointNoProxyEntry('eu-west-1')).toBe('.eks.amazonaws.com');
    expect(sampleClusterEndpointHost('us-west-2')).toMatch(/^[0-9a-f]{32}\.gr7\.us-west-2\.eks\.amazonaws\.com$/);
  });

  it('the suggested entry covers the sample endpoint but not the EKS API host', () => {
    for (const region of ['us-west-2', 'cn-north-1', 'us-iso-east-1']) {
      const entries = parseNoProxy(clusterEndpointNoProxyEntry(region));
      expect(bypassesProxy(entries, sampleClusterEndpointHost(region), 443)).toBe(true);
      expect(bypassesProxy(entries, `eks.${region}.${awsDnsSuffix(region)}`, 443)).toBe(false);
    }
  });

  it('appendNoProxy', () => {
    expect(appendNoProxy(undefined, '.x')).toBe('.x');
    expect(appendNoProxy(' a,b,, ', '.x')).toBe('a,b,.x');
  });
});
