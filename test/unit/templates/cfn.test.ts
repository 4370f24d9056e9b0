import { describe, expect, it } from 'vitest';
import {
  arnValue,
  escapeSub,
  iamResourceName,
  logicalIdPart,
  stableHash,
  tagList,
} from '../../../src/templates/cfn.js';
import { clusterDnsIpv4, serviceIpv4Cidr } from '../../../src/templates/service-cidr.js';
import { managedAmiType, amiSsmParameter } from '../../../src/templates/ami.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import { nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';

describe('cfn helpers', () => {
  it('escapes ${ for Fn::Sub, including bash indirection', () => {
    expect(escapeSub('echo ${HOME} ${!ref} $PLAIN')).toBe('echo ${!HOME} ${!!ref} $PLAIN');
  });
  it('turns names into logical-id parts', () => {
    expect(logicalIdPart('my-ng_1')).toBe('MyNg1');
    expect(logicalIdPart('vpc-cni')).toBe('VpcCni');
  });
  it('hashes stably (pinned: logical ids of access entries depend on it)', () => {
    expect(stableHash('')).toBe('811C9DC5');
    expect(stableHash('arn:aws:iam::111122223333:role/admin')).toBe(stableHash('arn:aws:iam::111122223333:role/admin'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
    expect(stableHash('a')).toBe('E40C292C');
  });
  it('rewrites ARNs of the plan partition through ${AWS::Partition} and leaves others alone', () => {
    expect(arnValue('arn:aws-cn:iam::111122223333:role/x', 'aws-cn')).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::111122223333:role/x',
    });
    expect(arnValue('arn:aws:iam::111122223333:role/x', 'aws-cn')).toBe('arn:aws:iam::111122223333:role/x');
  });
  it('takes role names from ARNs with paths', () => {
    expect(iamResourceName('arn:aws:iam::111122223333:role/path/to/nodes')).toBe('nodes');
  });
  it('puts Name first and never lets a user tag replace it', () => {
    const tags = tagList('VPC', { Name: 'mine', team: 'a' }, { team: 'b' });
    expect(tags).toEqual([
      { Key: 'Name', Value: { 'Fn::Sub': '${AWS::StackName}/VPC' } },
      { Key: 'team', Value: 'b' },
    ]);
  });
});

describe('service CIDR', () => {
  it("takes the user's", () => {
    const plan = testPlan(resolvedConfig({ kubernetesNetworkConfig: { serviceIPv4CIDR: '172.16.0.0/16' } }));
    expect(serviceIpv4Cidr(plan)).toBe('172.16.0.0/16');
  });
  it('defaults to 10.100.0.0/16, or 172.20.0.0/16 when the VPC overlaps it (as EKS picks)', () => {
    expect(serviceIpv4Cidr(testPlan(resolvedConfig()))).toBe('10.100.0.0/16');
    expect(serviceIpv4Cidr(testPlan(resolvedConfig({ vpc: { cidr: '10.100.0.0/16' } })))).toBe('172.20.0.0/16');
    expect(serviceIpv4Cidr(testPlan(resolvedConfig({ vpc: { cidr: '10.0.0.0/8' } })))).toBe('172.20.0.0/16');
  });
  it('puts cluster DNS at the tenth address', () => {
    expect(clusterDnsIpv4('10.100.0.0/16')).toBe('10.100.0.10');
    expect(clusterDnsIpv4('172.16.64.0/18')).toBe('172.16.64.10');
  });
});

describe('AMI choice', () => {
  it('follows family, architecture and accelerator', () => {
    expect(managedAmiType(nodeGroup('a'))).toBe('AL2023_x86_64_STANDARD');
    expect(managedAmiType(nodeGroup('a', { instanceTypes: ['m7g.large', 'c7gn.xlarge'] }))).toBe(
      'AL2023_ARM_64_STANDARD',
    );
    expect(managedAmiType(nodeGroup('a', { instanceTypes: ['g5.xlarge'] }))).toBe('AL2023_x86_64_NVIDIA');
    expect(managedAmiType(nodeGroup('a', { instanceTypes: ['inf2.xlarge'] }))).toBe('AL2023_x86_64_NEURON');
    expect(managedAmiType(nodeGroup('a', { amiFamily: 'AmazonLinux2', instanceTypes: ['t4g.small'] }))).toBe(
      'AL2_ARM_64',
    );
    expect(managedAmiType(nodeGroup('a', { amiFamily: 'Bottlerocket', instanceTypes: ['g4dn.xlarge'] }))).toBe(
      'BOTTLEROCKET_x86_64_NVIDIA',
    );
  });
  it('names the EKS-optimized SSM public parameters', () => {
    expect(amiSsmParameter(nodeGroup('a'), '1.34')).toBe(
      '/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id',
    );
    expect(amiSsmParameter(nodeGroup('a', { amiFamily: 'AmazonLinux2', instanceTypes: ['m6g.large'] }), '1.32')).toBe(
      '/aws/service/eks/optimized-ami/1.32/amazon-linux-2-arm64/recommended/image_id',
    );
    expect(amiSsmParameter(nodeGroup('a', { amiFamily: 'Bottlerocket' }), '1.34')).toBe(
      '/aws/service/bottlerocket/aws-k8s-1.34/x86_64/latest/image_id',
    );
  });
  it("takes eksctl's Windows AmiTypes and image parameters, x86_64 only", () => {
    const win = (family: string, instanceTypes = ['m5.large']) =>
      nodeGroup('win', { amiFamily: family, instanceTypes });
    expect(managedAmiType(win('WindowsServer2019CoreContainer'))).toBe('WINDOWS_CORE_2019_x86_64');
    expect(managedAmiType(win('WindowsServer2022FullContainer', ['g4dn.xlarge']))).toBe('WINDOWS_FULL_2022_x86_64');
    expect(managedAmiType(win('WindowsServer2025CoreContainer'))).toBe('WINDOWS_CORE_2025_x86_64');
    expect(amiSsmParameter(win('WindowsServer2022CoreContainer'), '1.33')).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.33/image_id',
    );
    expect(amiSsmParameter(win('WindowsServer2019FullContainer'), '1.31')).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-EKS_Optimized-1.31/image_id',
    );
    expect(() => managedAmiType(win('WindowsServer2022CoreContainer', ['m7g.large']))).toThrow(
      /WindowsServer2022CoreContainer has no Arm \(Graviton\) image/,
    );
  });
  it('refuses an image family it cannot bootstrap', () => {
    expect(() => managedAmiType(nodeGroup('x', { amiFamily: 'WindowsServer2004CoreContainer' }))).toThrow(
      /amiFamily WindowsServer2004CoreContainer is not supported/,
    );
  });
});
