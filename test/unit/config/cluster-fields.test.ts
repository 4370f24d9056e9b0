/**
 * The rules of the cluster-level fields (rules/cluster-fields.ts): one passing and one failing case
 * each, with the path and position of the problem.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, lines, load, locate } from './support.js';

const errors = (text: string) => load(text).problems.filter((p) => p.severity === 'error');

const IDP = ['  - name: sso', '    type: oidc', '    issuerURL: https://sso.example.com', '    clientID: kubernetes'];

describe('cluster-level fields', () => {
  it('takes one OIDC identity provider, refuses a second (EKS associates one)', () => {
    expect(errors(lines(HEADER, 'identityProviders:', ...IDP))).toEqual([]);
    const text = lines(HEADER, 'identityProviders:', ...IDP, ...IDP.map((l) => l.replace('sso', 'sso2')));
    const [problem] = errors(text);
    expect(problem).toMatchObject({ path: 'identityProviders[1]', line: locate(text, '- name: sso2').line });
    expect(problem!.message).toContain('one OIDC identity provider');
  });

  it('needs name, issuerURL and clientID in an identity provider (eksctl: must be set)', () => {
    const problems = errors(lines(HEADER, 'identityProviders:', '  - type: oidc', '    name: sso'));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['identityProviders[0]', 'identityProviders[0] is invalid: clientID must be set and non-empty'],
    ]);
  });

  it('checks iamIdentityMappings as eksctl does, and refuses them in API mode, where aws-auth is ignored', () => {
    const good = lines(HEADER, 'iamIdentityMappings:', '  - arn: arn:aws:iam::1:role/a', '    username: a');
    expect(errors(good)).toEqual([]);
    const api = lines(good.trimEnd(), 'accessConfig:', '  authenticationMode: API');
    expect(errors(api)).toEqual([
      expect.objectContaining({ path: 'iamIdentityMappings', hint: expect.stringContaining('accessEntries') }),
    ]);
    const mixed = lines(HEADER, 'iamIdentityMappings:', '  - account: "111122223333"', '    username: a');
    expect(errors(mixed)).toEqual([
      expect.objectContaining({
        path: 'iamIdentityMappings[0].account',
        message: 'account cannot be configured with any other options',
      }),
    ]);
    const ns = lines(HEADER, 'iamIdentityMappings:', '  - namespace: spark');
    expect(errors(ns).map((p) => p.message)).toContain('serviceName is required when using namespace');
  });

  it('refuses vpc.hostnameType with a supplied VPC, and securityGroup with controlPlaneSecurityGroupIDs (eksctl)', () => {
    expect(errors(lines(HEADER, 'vpc:', '  hostnameType: resource-name'))).toEqual([]);
    const supplied = lines(
      HEADER,
      'vpc:',
      '  hostnameType: ip-name',
      '  securityGroup: sg-1',
      '  controlPlaneSecurityGroupIDs: [sg-2]',
      '  subnets:',
      '    private:',
      '      us-west-2a: {id: subnet-1}',
      '      us-west-2b: {id: subnet-2}',
    );
    expect(errors(supplied).map((p) => p.message)).toEqual([
      'vpc.hostnameType is not supported with a pre-existing VPC',
      'only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified',
    ]);
  });

  it('accepts autoAllocateIPv6: false (eksctl --dry-run) and extraCIDRs; refuses extraIPv6CIDRs on IPv4', () => {
    expect(errors(lines(HEADER, 'vpc:', '  autoAllocateIPv6: false', '  extraCIDRs: [10.99.0.0/16]'))).toEqual([]);
    expect(errors(lines(HEADER, 'vpc:', '  extraIPv6CIDRs: ["2001:db8::/56"]')).map((p) => p.message)).toEqual([
      'cannot specify vpc.extraIPv6CIDRs with an IPv4 cluster',
    ]);
    expect(errors(lines(HEADER, 'vpc:', '  autoAllocateIPv6: true')).map((p) => p.path)).toEqual([
      'vpc.autoAllocateIPv6',
    ]);
  });

  it("defaults Auto Mode's node pools to both built-in ones, and checks it as eksctl", () => {
    const result = load(lines(HEADER, 'autoModeConfig:', '  enabled: true'));
    expect(result.problems).toEqual([]);
    expect(result.config!.autoMode).toEqual({ nodePools: ['general-purpose', 'system'] });
    const withNodes = lines(
      HEADER,
      'autoModeConfig: {enabled: true, nodePools: [system, gpu]}',
      'addons: [{name: vpc-cni}]',
      'managedNodeGroups: [{name: m1, privateNetworking: true}]',
    );
    expect(errors(withNodes).map((p) => p.path)).toEqual(['autoModeConfig', 'addons[0]', 'managedNodeGroups']);
    const disabled = lines(HEADER, 'autoModeConfig: {enabled: false, nodePools: [system]}');
    expect(errors(disabled).map((p) => p.path)).toEqual(['autoModeConfig']);
  });

  it('maps an empty upgradePolicy.supportType (eksctl --dry-run) to the EKS default', () => {
    expect(load(lines(HEADER, 'upgradePolicy: {supportType: ""}')).config!.upgradeSupportType).toBeUndefined();
    expect(load(lines(HEADER, 'upgradePolicy: {supportType: EXTENDED}')).config!.upgradeSupportType).toBe('EXTENDED');
  });

  it("takes Windows families beside a Linux nodegroup, for the versions EKS publishes their images for (eksctl's rules)", () => {
    const windows = (family: string, version: string, linux = true) =>
      lines(
        HEADER.replace('  region: us-west-2', `  region: us-west-2\n  version: "${version}"`),
        ...(linux ? ['managedNodeGroups:', '  - name: linux', '    privateNetworking: true'] : []),
        'nodeGroups:',
        '  - name: win',
        '    privateNetworking: true',
        `    amiFamily: ${family}`,
      );
    expect(load(windows('WindowsServer2022CoreContainer', '1.33')).problems).toEqual([]);
    expect(errors(windows('WindowsServer2019FullContainer', '1.29'))).toEqual([]);
    const old = windows('WindowsServer2025FullContainer', '1.33');
    expect(errors(old)).toEqual([
      expect.objectContaining({
        path: 'nodeGroups[0].amiFamily',
        message: 'Windows Server 2025 Full requires EKS version 1.35 and above',
        ...locate(old, 'WindowsServer2025FullContainer'),
      }),
    ]);
    // eksctl warns (LogWindowsCompatibility): CoreDNS needs a Linux node.
    const alone = load(windows('WindowsServer2022CoreContainer', '1.33', false)).problems;
    expect(alone.map((p) => [p.severity, p.path, p.message])).toEqual([
      ['warning', 'nodeGroups[0].amiFamily', 'a Linux node group is required to support Windows workloads'],
    ]);
  });

  it("takes Ubuntu families for the Kubernetes versions Canonical publishes (eksctl's ranges)", () => {
    const ng = (family: string, version: string) =>
      lines(
        HEADER.replace('  region: us-west-2', `  region: us-west-2\n  version: "${version}"`),
        'nodeGroups:',
        '  - name: u',
        '    privateNetworking: true',
        `    amiFamily: ${family}`,
      );
    expect(errors(ng('Ubuntu2204', '1.33'))).toEqual([]);
    expect(errors(ng('Ubuntu2004', '1.33')).map((p) => p.message)).toEqual([
      'Ubuntu2004 requires EKS version greater or equal than 1.21 and lower than 1.29',
    ]);
  });
});
