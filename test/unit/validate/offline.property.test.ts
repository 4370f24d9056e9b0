/**
 * One verdict: generated config files — realistic, with risky values mixed in (label values with
 * spaces, long names, many tags, AmazonLinux2 on new versions, bootstrap commands on Bottlerocket,
 * service CIDRs, …) — that `validate` accepts also plan offline the way `plan --offline` plans them,
 * and every template they render passes cfn-lint with 0 errors (one cfn-lint run per region for
 * the whole batch).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, templateJson } from '../../../src/templates/index.js';
import { checkConfigOffline } from '../../../src/validate/offline.js';
import { FUZZ_SEED } from '../../helpers/config-arbitraries.js';
import { formatFinding, lintTemplateTexts, type TemplateToLint } from '../../helpers/cfn-lint.js';

const FILES = Number(process.env['VALIDATE_PROPERTY_FILES'] ?? 40);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Present in about one file in five. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const labelText = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?$/) },
  { weight: 1, arbitrary: fc.constantFrom('a b --anonymous-auth=true', 'x'.repeat(64), '', 'Team_A') },
);
const labelKey = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'example.com/role',
      'kubernetes.io/role',
      'node.kubernetes.io/pool',
      'a/b/c',
      'sub.k8s.io/x',
    ),
  },
);
const tagKey = fc.oneof(
  { weight: 15, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.:/=+@-]{0,20}$/) },
  { weight: 1, arbitrary: fc.constantFrom('aws:owner', 'k*y') },
);
const tagValue = fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,20}$/);

const nodeGroup = (name: string, managed: boolean) =>
  fc
    .record({
      amiFamily: maybe(
        fc.constantFrom(
          'AmazonLinux2023',
          'amazonlinux2023',
          'AmazonLinux2023',
          'AmazonLinux2',
          'Bottlerocket',
          'Ubuntu2204',
        ),
      ),
      instanceType: maybe(fc.constantFrom('m5.large', 't3.medium', 'm7g.large', 'c6i.xlarge', 'g5.xlarge')),
      desiredCapacity: maybe(fc.integer({ min: 0, max: 4 })),
      maxSize: fc.option(fc.integer({ min: 4, max: 6 }), { nil: undefined, freq: 2 }),
      volumeSize: maybe(fc.integer({ min: 20, max: 200 })),
      volumeType: maybe(fc.constantFrom('gp2', 'gp3', 'io1')),
      volumeEncrypted: maybe(fc.boolean()),
      maxPodsPerNode: rarely(fc.integer({ min: 8, max: 110 })),
      labels: maybe(fc.dictionary(labelKey, labelText, { maxKeys: 3 })),
      taints: rarely(
        fc.array(
          fc.record({
            key: labelKey,
            value: labelText,
            effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
          }),
          { maxLength: 2 },
        ),
      ),
      tags: rarely(fc.dictionary(tagKey, tagValue, { maxKeys: 3 })),
      preBootstrapCommands: rarely(fc.constantFrom(['echo "hello world" > /tmp/x'], ["echo 'quote' && true"])),
    })
    .map((fields) => ({ name, privateNetworking: true, ...(managed ? {} : {}), ...fields }));

const clusterConfig = fc
  .record({
    name: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/), fc.constant('x'.repeat(99))),
    region: fc.constantFrom('us-west-2', 'eu-west-1'),
    version: maybe(fc.constantFrom('1.30', '1.32', '1.34')),
    tags: rarely(fc.dictionary(tagKey, tagValue, { maxKeys: 4 })),
    selfManaged: fc.integer({ min: 0, max: 2 }),
    managed: fc.integer({ min: 0, max: 2 }),
    logging: fc.boolean(),
    serviceCidr: rarely(fc.constantFrom('10.100.0.0/16', '172.20.0.0/16', '192.168.0.0/16', '0.0.0.0/0')),
    oidc: fc.boolean(),
    podIdentity: fc.boolean(),
    keyArn: rarely(fc.constantFrom('arn:aws:kms:us-west-2:123456789012:key/1234abcd', 'my-key')),
  })
  .chain((c) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: c.selfManaged }, (_, i) => nodeGroup(`ng-${i}`, false))),
        fc.tuple(...Array.from({ length: c.managed }, (_, i) => nodeGroup(`mng-${i}`, true))),
      )
      .map(([nodeGroups, managedNodeGroups]) => ({ c, nodeGroups, managedNodeGroups })),
  )
  .map(({ c, nodeGroups, managedNodeGroups }) =>
    stringify({
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: {
        name: c.name,
        region: c.region,
        ...(c.version ? { version: c.version } : {}),
        ...(c.tags ? { tags: c.tags } : {}),
      },
      privateCluster: { enabled: true },
      ...(nodeGroups.length > 0 ? { nodeGroups } : {}),
      ...(managedNodeGroups.length > 0 ? { managedNodeGroups } : {}),
      ...(c.logging
        ? { cloudWatch: { clusterLogging: { enableTypes: ['api', 'audit'], logRetentionInDays: 7 } } }
        : {}),
      ...(c.serviceCidr ? { kubernetesNetworkConfig: { serviceIPv4CIDR: c.serviceCidr } } : {}),
      ...(c.keyArn ? { secretsEncryption: { keyARN: c.keyArn } } : {}),
      iam: {
        withOIDC: c.oidc,
        ...(c.oidc
          ? {
              serviceAccounts: [
                {
                  metadata: { name: 's3-reader' },
                  attachPolicyARNs: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
                },
              ],
            }
          : {}),
        ...(c.podIdentity
          ? {
              podIdentityAssociations: [
                {
                  namespace: 'app',
                  serviceAccountName: 'sa',
                  permissionPolicyARNs: ['arn:aws:iam::aws:policy/AmazonSQSFullAccess'],
                },
              ],
            }
          : {}),
      },
      ...(c.podIdentity ? { addons: [{ name: 'eks-pod-identity-agent' }] } : {}),
    }),
  );

describe('what validate accepts plans offline, and its templates pass cfn-lint', () => {
  it(`holds for ${FILES} generated files`, async () => {
    const texts = fc.sample(clusterConfig, { numRuns: FILES, seed: FUZZ_SEED });
    const templates: TemplateToLint[] = [];
    let accepted = 0;
    for (const [i, text] of texts.entries()) {
      const verdict = await checkConfigOffline({ text, file: `gen-${i}.yaml`, env: {} });
      if (verdict.config === undefined) continue;
      accepted++;
      // As `plan --offline` does it: load, plan with the catalog, render.
      const loaded = loadConfig({ text, file: `gen-${i}.yaml`, env: {} });
      expect(loaded.config, text).toBeDefined();
      const planned = await buildPlan(loaded.config!, createOfflineFacts());
      expect(
        planned.problems.filter((p) => p.severity === 'error'),
        text,
      ).toEqual([]);
      for (const [stack, template] of renderTemplates(planned.plan!)) {
        templates.push({
          name: `gen-${i}/${stack}.json`,
          region: loaded.config!.metadata.region,
          body: templateJson(template),
        });
      }
    }
    // Some files are refused (the risky values) and enough are accepted for the check to mean something.
    expect(accepted).toBeGreaterThanOrEqual(FILES / 5);
    expect(accepted).toBeLessThan(FILES);
    const errors = lintTemplateTexts(templates).filter((f) => f.level === 'Error');
    expect(errors.map(formatFinding)).toEqual([]);
    console.log(
      `validate accepted ${accepted} of ${FILES} generated files; cfn-lint: ${templates.length} templates, 0 errors`,
    );
  }, 600_000);
});
