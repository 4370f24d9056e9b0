/**
 * `vpc.controlPlaneSubnetIDs`: as eksctl, the control plane's network interfaces go in the listed
 * subnets (the cluster's `ResourcesVpcConfig.SubnetIds`), while nodegroups and VPC endpoints keep
 * the cluster subnets; without it, every cluster subnet. Read from a file, as a user writes it,
 * and the template checked by cfn-lint.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { lintTemplateTexts } from '../../helpers/cfn-lint.js';

const FILE = (extra: string) =>
  [
    'apiVersion: eksctl.io/v1alpha5',
    'kind: ClusterConfig',
    'metadata: {name: c1, region: us-west-2}',
    'privateCluster: {enabled: true}',
    'vpc:',
    '  id: vpc-0123456789abcdef0',
    '  cidr: 10.0.0.0/16',
    '  subnets:',
    '    private:',
    '      us-west-2a: {id: subnet-0aaaaaaaaaaaaaaa1}',
    '      us-west-2b: {id: subnet-0bbbbbbbbbbbbbbb2}',
    '      us-west-2c: {id: subnet-0ccccccccccccccc3}',
    extra,
    'managedNodeGroups: [{name: m1, privateNetworking: true}]',
    '',
  ].join('\n');

async function clusterTemplate(text: string) {
  const loaded = loadConfig({ text, file: 'cluster.yaml', env: {} });
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const built = await buildPlan(loaded.config!, createOfflineFacts());
  const templates = renderTemplates(built.plan!);
  const [, template] = [...templates].find(([stack]) => stack.endsWith('-cluster'))!;
  return template;
}

const subnetsOf = (template: Awaited<ReturnType<typeof clusterTemplate>>) =>
  (
    Object.values(template.Resources).find((r) => r.Type === 'AWS::EKS::Cluster')!.Properties['ResourcesVpcConfig'] as {
      SubnetIds: unknown;
    }
  ).SubnetIds;

describe('vpc.controlPlaneSubnetIDs', () => {
  it('puts the control plane in the listed subnets only, as eksctl', async () => {
    const template = await clusterTemplate(
      FILE('  controlPlaneSubnetIDs: [subnet-0aaaaaaaaaaaaaaa1, subnet-0bbbbbbbbbbbbbbb2]'),
    );
    expect(subnetsOf(template)).toEqual(['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2']);
    expect(lintTemplateTexts([{ name: 'cluster.json', region: 'us-west-2', body: templateJson(template) }])).toEqual(
      [],
    );
  });

  it('uses every cluster subnet without it', async () => {
    expect(subnetsOf(await clusterTemplate(FILE('')))).toEqual([
      'subnet-0aaaaaaaaaaaaaaa1',
      'subnet-0bbbbbbbbbbbbbbb2',
      'subnet-0ccccccccccccccc3',
    ]);
  });
});
