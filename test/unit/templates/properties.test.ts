/**
 * Property assertions over every scenario and 40 generated plans: the security and portability
 * rules of SPEC §5–§6 and TESTBED §3.4 hold for whatever the plan says.
 */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/types.js';
import { renderTemplates, templateBody, TEMPLATE_BODY_LIMIT } from '../../../src/templates/index.js';
import type { Template } from '../../../src/templates/index.js';
import { templateBodyBytes } from '../../../src/templates/json.js';
import { generatedPlans } from './generated-plans.js';
import {
  allViolations,
  clusterOutputViolations,
  endpointSecurityGroupViolations,
  importViolations,
  interfaceEndpointViolations,
  launchTemplateViolations,
  nameTagViolations,
  partitionLiteralViolations,
  portabilityViolations,
  publicExposureViolations,
} from './invariants.js';
import { scenarios } from './scenarios.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import { fargateProfile, resolvedConfig } from '../../helpers/resolved-config.js';

// SPEC §5.1 E2 and §5.4: eksctl's three and private-eks's extended set.
const EVERY_ADDITIONAL_SERVICE = [
  'autoscaling',
  'cloudformation',
  'logs',
  'eks',
  'eks-auth',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'elasticloadbalancing',
  'ebs',
  'kms',
  'secretsmanager',
  'sqs',
  'xray',
  'aps-workspaces',
  'elasticfilesystem',
];

const SCENARIOS = scenarios();
const GENERATED = generatedPlans(40);

function rendered(plan: Plan): Map<string, Template> {
  return renderTemplates(plan);
}

describe.each(SCENARIOS)('scenario $name', ({ plan }) => {
  const templates = rendered(plan);

  it('renders one template per planned stack, in plan order', () => {
    expect([...templates.keys()]).toEqual(plan.stacks.map((s) => s.name));
  });
  it('gives every interface endpoint one subnet per zone it covers and only the endpoint SG', () => {
    expect(interfaceEndpointViolations(plan, templates)).toEqual([]);
  });
  it('opens the endpoint security group to TCP 443 from the VPC CIDRs only', () => {
    expect(endpointSecurityGroupViolations(plan, templates)).toEqual([]);
  });
  it('has no internet gateway, NAT, EIP, public subnet, public IP or route to 0.0.0.0/0', () => {
    expect(publicExposureViolations(plan, templates)).toEqual([]);
  });
  it('requires IMDSv2 and encrypts volumes on every launch template', () => {
    expect(launchTemplateViolations(templates)).toEqual([]);
  });
  it('writes no arn:aws: literal', () => {
    expect(partitionLiteralViolations(templates)).toEqual([]);
  });
  it('tags every taggable resource with Name and the stack tags', () => {
    expect(nameTagViolations(plan, templates)).toEqual([]);
  });
  it('has the SPEC §6 cluster outputs, exported as eksctl names them', () => {
    expect(clusterOutputViolations(plan, templates)).toEqual([]);
  });
  it('imports only what the cluster stack exports', () => {
    expect(importViolations(plan, templates)).toEqual([]);
  });
  it('keeps to the moto-safe subset of CloudFormation', () => {
    expect(portabilityViolations(templates)).toEqual([]);
  });
  it('fits in an inline TemplateBody', () => {
    for (const template of templates.values())
      expect(templateBody(template).length).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
  });
  it('is deterministic: a copy of the plan renders to the same bytes', () => {
    const again = renderTemplates(structuredClone(plan));
    for (const [name, template] of templates) expect(templateBody(again.get(name)!)).toBe(templateBody(template));
  });
  it("is measured by validate's unsorted count as the body sent", () => {
    for (const template of templates.values())
      expect(templateBodyBytes(template)).toBe(Buffer.byteLength(templateBody(template), 'utf8'));
  });
});

describe('templateBodyBytes', () => {
  it('counts bytes, not characters, whatever the order of the keys', () => {
    const template = {
      Resources: { B: { Type: 'AWS::EC2::VPC', Properties: { Tags: [{ Key: 'team', Value: 'équipe ✓' }] } } },
      AWSTemplateFormatVersion: '2010-09-09',
    } as unknown as Template;
    const body = templateBody(template);
    expect(body.startsWith('{"AWSTemplateFormatVersion"')).toBe(true);
    expect(templateBodyBytes(template)).toBe(Buffer.byteLength(body, 'utf8'));
    expect(templateBodyBytes(template)).toBe(body.length + 3);
  });
});

describe('generated plans', () => {
  it.each(GENERATED.map((plan, index) => ({ index, plan })))('plan $index keeps every invariant', ({ plan }) => {
    const templates = rendered(plan);
    expect(allViolations(plan, templates)).toEqual([]);
    for (const template of templates.values())
      expect(templateBody(template).length).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
  });
});

describe('template size', () => {
  it('keeps the largest cluster private-eks plans (6 zones, every endpoint service) inline', () => {
    const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
    const plan = testPlan(
      resolvedConfig({
        metadata: { region: 'us-east-1', tags: { owner: 'x'.repeat(64), project: 'y'.repeat(64) } },
        availabilityZones: zones,
        privateCluster: { additionalEndpointServices: EVERY_ADDITIONAL_SERVICE },
        iam: { withOIDC: true },
        cloudWatch: { enableTypes: ['api', 'audit'], logRetentionInDays: 7 },
        fargateProfiles: [fargateProfile('fp')],
      }),
    );
    const body = templateBody(renderTemplates(plan).get('eksctl-private-cluster-cluster')!);
    console.log(`largest cluster template: ${body.length} bytes of ${TEMPLATE_BODY_LIMIT}`);
    expect(body.length).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
  });
});

describe('the invariant checks themselves', () => {
  // Each check must be able to fail: break one template in one way and it must say so.
  const plan = SCENARIOS.find((s) => s.name === 'minimal')!.plan;
  const clusterStack = plan.stacks[0]!.name;

  function broken(
    mutate: (cluster: Record<string, unknown>, all: Map<string, Template>) => void,
  ): Map<string, Template> {
    const templates = new Map([...rendered(plan)].map(([k, v]) => [k, structuredClone(v)]));
    mutate(templates.get(clusterStack) as unknown as Record<string, unknown>, templates);
    return templates;
  }
  const resources = (t: Record<string, unknown>) =>
    t['Resources'] as Record<string, { Type: string; Properties: Record<string, unknown> }>;

  it('catches a public subnet and a route to the internet', () => {
    const templates = broken((t) => {
      resources(t)['SubnetPrivateUSWEST2A']!.Properties['MapPublicIpOnLaunch'] = true;
      resources(t)['DefaultRoute'] = {
        Type: 'AWS::EC2::Route',
        Properties: { DestinationCidrBlock: '0.0.0.0/0', RouteTableId: { Ref: 'PrivateRouteTableUSWEST2A' } },
      };
    });
    expect(publicExposureViolations(plan, templates)).toHaveLength(3);
  });
  it('catches two subnets of one zone on an endpoint and a foreign security group', () => {
    const templates = broken((t) => {
      const props = resources(t)['VPCEndpointSTS']!.Properties;
      props['SubnetIds'] = [{ Ref: 'SubnetPrivateUSWEST2A' }, { Ref: 'SubnetPrivateUSWEST2A' }];
      props['SecurityGroupIds'] = [{ Ref: 'ClusterSharedNodeSecurityGroup' }];
    });
    expect(interfaceEndpointViolations(plan, templates).length).toBeGreaterThanOrEqual(3);
  });
  it('catches an endpoint security group open to the world', () => {
    const templates = broken((t) => {
      (resources(t)['EndpointSecurityGroup']!.Properties['SecurityGroupIngress'] as unknown[]).push({
        IpProtocol: '-1',
        CidrIp: '0.0.0.0/0',
      });
    });
    expect(endpointSecurityGroupViolations(plan, templates).length).toBeGreaterThanOrEqual(2);
  });
  it('catches IMDSv1, an unencrypted volume, a partition literal and a bad import', () => {
    const templates = broken((_t, all) => {
      const ng = [...all.values()].find((tpl) => 'NodeGroupLaunchTemplate' in tpl.Resources)!;
      const data = ng.Resources['NodeGroupLaunchTemplate']!.Properties['LaunchTemplateData'] as Record<string, unknown>;
      data['MetadataOptions'] = { HttpTokens: 'optional', HttpPutResponseHopLimit: 2 };
      (data['BlockDeviceMappings'] as { Ebs: Record<string, unknown> }[])[0]!.Ebs['Encrypted'] = false;
      data['ImageId'] = { 'Fn::ImportValue': 'eksctl-private-cluster-cluster::NoSuchExport' };
      (ng.Resources['NodeInstanceRole']!.Properties['ManagedPolicyArns'] as unknown[]).push(
        'arn:aws:iam::aws:policy/Admin',
      );
    });
    expect(launchTemplateViolations(templates)).toHaveLength(2);
    expect(partitionLiteralViolations(templates)).toHaveLength(1);
    expect(importViolations(plan, templates)).toHaveLength(1);
  });
  it('catches a missing Name tag, a missing output and GetAtt on an endpoint', () => {
    const templates = broken((t) => {
      resources(t)['VPC']!.Properties['Tags'] = [];
      delete (t['Outputs'] as Record<string, unknown>)['ClusterFullyPrivate'];
      resources(t)['ControlPlane']!.Properties['Name'] = { 'Fn::GetAtt': ['VPCEndpointSTS', 'Id'] };
    });
    expect(nameTagViolations(plan, templates).length).toBeGreaterThanOrEqual(1);
    expect(clusterOutputViolations(plan, templates).length).toBeGreaterThanOrEqual(1);
    expect(portabilityViolations(templates)).toHaveLength(1);
  });
});
