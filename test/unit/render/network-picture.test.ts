/**
 * The network picture (src/render): built from real plans of the examples, and shown to follow
 * the facts — a template that gained an internet gateway, or a supplied VPC whose route table
 * leads to a NAT gateway, is drawn as such; nothing about "private" is taken for granted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../src/cli/render/plan.js';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import type { Plan } from '../../../src/plan/types.js';
import { networkPicture } from '../../../src/render/network-picture.js';
import { renderNetworkMermaid } from '../../../src/render/network-mermaid.js';
import { renderNetworkText } from '../../../src/render/network-text.js';
import { renderTemplates } from '../../../src/templates/index.js';
import type { Template } from '../../../src/templates/types.js';
import { seedExistingVpcConfig } from '../../helpers/resolved-config.js';
import { memoryFacts, seedVpcData } from '../plan/memory-facts.js';

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

async function offlinePlan(file: string): Promise<Plan> {
  const loaded = loadConfig({ text: readFileSync(file, 'utf8'), file });
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const result = await buildPlan(loaded.config!, createOfflineFacts());
  expect(result.plan).toBeDefined();
  return result.plan!;
}

const NOTHING_OUT = 'No internet gateway, no NAT gateway, no public subnet';

describe.each(EXAMPLES)('examples/%s', (name) => {
  it('the text picture has every zone, subnet CIDR and interface endpoint of the plan', async () => {
    const plan = await offlinePlan(`examples/${name}`);
    const text = renderNetworkText(networkPicture(plan)).join('\n');
    for (const subnet of plan.subnets) {
      const line = text.split('\n').find((l) => l.includes(subnet.id ?? `SubnetPrivate${subnet.logicalSuffix}`));
      expect(line, subnet.logicalSuffix).toBeDefined();
      expect(line).toContain(subnet.az);
      if (subnet.cidr !== null) expect(line).toContain(subnet.cidr);
    }
    for (const endpoint of plan.endpoints.filter((e) => e.type === 'Interface')) {
      expect(text).toMatch(new RegExp(`endpoints .*\\b${endpoint.service.replace('.', '\\.')}\\b`));
    }
    if (plan.endpoints.some((e) => e.service === 's3')) expect(text).toContain('s3 gateway endpoint');
    if (plan.vpc.id === null) {
      expect(text).toContain(`${NOTHING_OUT} (from the cluster stack's template)`);
    } else {
      // Offline, a supplied VPC is not looked up: the picture must not claim what it cannot know.
      expect(text).not.toContain(NOTHING_OUT);
      expect(text).toContain('Internet gateway, NAT gateway, public subnet: not checked');
    }
  });

  it('the Mermaid flowchart has one box per zone and subnet, balanced subgraphs and unique node ids', async () => {
    const plan = await offlinePlan(`examples/${name}`);
    const chart = renderNetworkMermaid(networkPicture(plan));
    const lines = chart.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart TB');
    expect(lines.filter((l) => /^\s*subgraph /.test(l)).length).toBe(lines.filter((l) => /^\s*end$/.test(l)).length);
    for (const zone of plan.availabilityZones) expect(chart).toContain(`["${zone}"]`);
    for (const subnet of plan.subnets) if (subnet.cidr !== null) expect(chart).toContain(subnet.cidr);
    const declared = lines.flatMap((l) => /^\s*(\w+)(\[|\{\{|>)/.exec(l)?.[1] ?? []);
    expect(new Set(declared).size).toBe(declared.length);
    // Every edge joins declared nodes or subgraphs.
    const subgraphs = lines.flatMap((l) => /^\s*subgraph (\w+)/.exec(l)?.[1] ?? []);
    const known = new Set([...declared, ...subgraphs]);
    for (const line of lines) {
      const edge = /^\s*(\w+) (?:---|-->|-\.-\|[^|]*\||~~~) (\w+)$/.exec(line);
      if (edge === null) continue;
      expect(known.has(edge[1]!), line).toBe(true);
      expect(known.has(edge[2]!), line).toBe(true);
    }
    expect(chart).toContain('api["EKS API server<br/>endpoint: private only"]');
  });
});

describe('the egress findings follow the facts', () => {
  it('a cluster template with an internet gateway, a NAT gateway and a public subnet is drawn with them', async () => {
    const plan = await offlinePlan('examples/minimal.yaml');
    const templates = renderTemplates(plan);
    const clusterName = plan.stacks[0]!.name;
    const cluster = templates.get(clusterName)!;
    const tampered: Template = {
      ...cluster,
      Resources: {
        ...cluster.Resources,
        InternetGateway: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
        NATGateway: { Type: 'AWS::EC2::NatGateway', Properties: {} },
        PublicSubnetRoute: {
          Type: 'AWS::EC2::Route',
          Properties: { DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'InternetGateway' } },
        },
        SubnetPublicUSWEST2A: { Type: 'AWS::EC2::Subnet', Properties: { MapPublicIpOnLaunch: true } },
      },
    };
    const picture = networkPicture(plan, new Map([...templates, [clusterName, tampered]]));
    expect(picture.egress).toEqual([
      { what: 'internet gateway', present: true, evidence: ['InternetGateway', 'route PublicSubnetRoute'] },
      { what: 'NAT gateway', present: true, evidence: ['NATGateway'] },
      { what: 'public subnet', present: true, evidence: ['SubnetPublicUSWEST2A (MapPublicIpOnLaunch)'] },
    ]);
    const text = renderNetworkText(picture).join('\n');
    expect(text).toContain('Internet gateway: YES, NAT gateway: YES, public subnet: YES');
    expect(text).not.toContain(NOTHING_OUT);
  });

  it('a supplied VPC planned with AWS facts: its route tables are checked, and a NAT route is reported', async () => {
    const clean = await buildPlan(seedExistingVpcConfig(), memoryFacts('us-west-2', seedVpcData()));
    expect(clean.plan?.suppliedRouteTables?.map((t) => t.id)).toEqual(['rtb-b', 'rtb-c', 'rtb-d']);
    const cleanText = renderNetworkText(networkPicture(clean.plan!)).join('\n');
    expect(cleanText).toContain(
      `${NOTHING_OUT} (from the route tables of the cluster's subnets, as AWS returned them)`,
    );
    expect(cleanText).toContain('s3 gateway endpoint on route tables rtb-b, rtb-c, rtb-d');

    const data = seedVpcData();
    const routeTables = data.routeTables!.map((t) =>
      t.id === 'rtb-b'
        ? { ...t, routes: [...t.routes, { destinationCidr: '0.0.0.0/0', natGatewayId: 'nat-0abc' }] }
        : t.id === 'rtb-c'
          ? { ...t, routes: [...t.routes, { destinationCidr: '10.0.0.0/8', gatewayId: 'tgw-0def' }] }
          : t,
    );
    const withNat = await buildPlan(seedExistingVpcConfig(), memoryFacts('us-west-2', { ...data, routeTables }));
    const picture = networkPicture(withNat.plan!);
    expect(picture.egress.map((f) => [f.what, f.present])).toEqual([
      ['internet gateway', false],
      ['NAT gateway', true],
      ['public subnet', false],
    ]);
    const text = renderNetworkText(picture).join('\n');
    expect(text).toContain('No internet gateway, NAT gateway: YES, no public subnet');
    expect(text).toContain('NAT gateway: rtb-b: 0.0.0.0/0 → nat-0abc');
    expect(text).toContain('other route out of the VPC: rtb-c: 10.0.0.0/8 → tgw-0def');
  });
});

describe('the text plan', () => {
  it('puts the network first and lists the stacks of iam.serviceAccounts', async () => {
    const plan = await offlinePlan('examples/fargate-irsa.yaml');
    const text = renderPlanText(plan);
    expect(text.indexOf('\nNetwork\n')).toBeLessThan(text.indexOf('\nStacks\n'));
    expect(plan.cluster.iam.serviceAccounts.length).toBeGreaterThan(0);
    for (const sa of plan.cluster.iam.serviceAccounts) {
      expect(text).toMatch(
        new RegExp(
          `eksctl-fargate-cluster-addon-iamserviceaccount-${sa.namespace}-${sa.name}\\s+service-account ${sa.namespace}/${sa.name}\\s+CAPABILITY_(NAMED_)?IAM`,
        ),
      );
    }
  });
});
