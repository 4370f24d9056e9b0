/**
 * A realistic eksctl file with Windows nodes (a Linux managed nodegroup for CoreDNS, a managed and a
 * self-managed Windows nodegroup), through the built CLI without AWS: `validate` accepts it and
 * `plan --offline` / `create cluster --dry-run --offline` build it as eksctl does — EKS's Windows
 * AmiType, the public Windows AMI parameter with the PowerShell bootstrap, an EC2_WINDOWS access
 * entry, and the Windows IPAM step after the vpc-cni add-on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/built-cli.js';

const OFFLINE_ENV = { CI: 'true' };

const WINDOWS_FILE = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: windows-cluster
  region: us-west-2
  version: "1.33"
privateCluster:
  enabled: true
iam:
  withOIDC: true
managedNodeGroups:
  - name: linux-ng
    instanceType: m6i.large
    desiredCapacity: 2
    privateNetworking: true
  - name: windows-managed-ng
    amiFamily: WindowsServer2022FullContainer
    instanceType: m5.xlarge
    minSize: 1
    maxSize: 3
    volumeSize: 100
    privateNetworking: true
nodeGroups:
  - name: windows-ng
    amiFamily: WindowsServer2019CoreContainer
    instanceType: m5.large
    minSize: 2
    maxSize: 3
    privateNetworking: true
    labels:
      app: iis
    taints:
      - key: os
        value: windows
        effect: NoSchedule
    preBootstrapCommands:
      - 'Write-Output "bootstrapping"'
`;

interface Template {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

function resource(template: Template, type: string): Record<string, unknown> {
  const found = Object.values(template.Resources).find((r) => r.Type === type);
  expect(found, type).toBeDefined();
  return found!.Properties;
}

describe('an eksctl file with Windows nodegroups (built CLI, no AWS)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pe-windows-'));
  const file = path.join(dir, 'windows.yaml');
  writeFileSync(file, WINDOWS_FILE);

  it('validates, and plans the Windows IPAM step after the vpc-cni add-on', async () => {
    const validate = await runBuiltCli(['validate', '-f', file], { env: OFFLINE_ENV });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout + validate.stderr).not.toMatch(/warning|error/);
    const plan = await runBuiltCli(['plan', '-f', file, '--offline', '-o', 'json'], { env: OFFLINE_ENV });
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (JSON.parse(plan.stdout) as { steps: { id: string; dependsOn: string[]; description: string }[] })
      .steps;
    const ipam = steps.find((s) => s.id === 'windows-ipam');
    expect(ipam?.dependsOn).toEqual(['addons', 'runner']);
    expect(ipam?.description).toContain('"windows-ng", "windows-managed-ng"');
  });

  it('builds the managed and self-managed Windows nodegroups as eksctl does', async () => {
    const out = path.join(dir, 'out');
    const run = await runBuiltCli(['create', 'cluster', '-f', file, '--dry-run', '--offline', '--out-dir', out], {
      env: OFFLINE_ENV,
    });
    expect(run.code, run.stderr).toBe(0);
    const read = (stack: string) =>
      JSON.parse(readFileSync(path.join(out, `eksctl-windows-cluster-nodegroup-${stack}.json`), 'utf8')) as Template;

    const managed = read('windows-managed-ng');
    expect(resource(managed, 'AWS::EKS::Nodegroup')['AmiType']).toBe('WINDOWS_FULL_2022_x86_64');
    const managedData = resource(managed, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Record<string, unknown>;
    // EKS bootstraps its own Windows image: no user data without pre-bootstrap commands (eksctl).
    expect(managedData['UserData']).toBeUndefined();
    expect(managedData['MetadataOptions']).toMatchObject({ HttpTokens: 'required' });
    expect(managedData['BlockDeviceMappings']).toEqual([
      expect.objectContaining({ DeviceName: '/dev/sda1', Ebs: expect.objectContaining({ Encrypted: true }) }),
    ]);

    const self = read('windows-ng');
    expect(self.Parameters?.['AmiId']?.Default).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-EKS_Optimized-1.33/image_id',
    );
    expect(resource(self, 'AWS::EKS::AccessEntry')['Type']).toBe('EC2_WINDOWS');
    const data = resource(self, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as {
      NetworkInterfaces: { AssociatePublicIpAddress: boolean }[];
      UserData: { 'Fn::Base64': { 'Fn::Sub': [string, Record<string, unknown>] } };
    };
    expect(data.NetworkInterfaces[0]?.AssociatePublicIpAddress).toBe(false);
    const [script, variables] = data.UserData['Fn::Base64']['Fn::Sub'];
    expect(script.split('\n')).toEqual([
      '<powershell>',
      '[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"',
      'Write-Output "bootstrapping"',
      "& $EKSBootstrapScriptFile -EKSClusterName 'windows-cluster' -APIServerEndpoint '${Endpoint}' -Base64ClusterCA '${CertificateAuthorityData}' -ServiceCIDR '${ServiceCIDR}' -DNSClusterIP '${ClusterDNS}' -KubeletExtraArgs '--node-labels=alpha.eksctl.io/cluster-name=windows-cluster,alpha.eksctl.io/nodegroup-name=windows-ng,app=iis --register-with-taints=os=windows:NoSchedule' 3>&1 4>&1 5>&1 6>&1",
      '</powershell>',
      '',
    ]);
    expect(Object.keys(variables).sort()).toEqual([
      'CertificateAuthorityData',
      'ClusterDNS',
      'Endpoint',
      'ServiceCIDR',
    ]);
  });
});
