/**
 * The capabilities a plan asks CloudFormation for (what deploy passes to CreateStack) must cover
 * every IAM resource its templates create, or CloudFormation refuses the stack with
 * InsufficientCapabilities. Checked over every combination of the IAM-related settings that
 * decide whether a stack creates roles, instance profiles or an OIDC provider.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, createOfflineFacts } from '../../../src/plan/index.js';
import { renderTemplates, requiredCapabilities } from '../../../src/templates/index.js';
import { fargateProfile, managedNodeGroup, nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';

const ROLE = 'arn:aws:iam::123456789012:role/given';
const PROFILE = 'arn:aws:iam::123456789012:instance-profile/given';

const iamCase = fc.record({
  serviceRole: fc.boolean(),
  withOIDC: fc.boolean(),
  fargate: fc.constantFrom('none', 'own-role', 'given-role'),
  podIdentity: fc.constantFrom('none', 'own-role', 'given-role'),
  selfManagedRole: fc.boolean(),
  selfManagedProfile: fc.boolean(),
  managedRole: fc.boolean(),
});

describe('stack capabilities', () => {
  it('cover the IAM resources of every template', async () => {
    await fc.assert(
      fc.asyncProperty(iamCase, async (c) => {
        const config = resolvedConfig({
          iam: {
            withOIDC: c.withOIDC,
            serviceAccounts: [],
            ...(c.serviceRole ? { serviceRoleARN: ROLE } : {}),
            podIdentityAssociations:
              c.podIdentity === 'none'
                ? []
                : [
                    {
                      namespace: 'default',
                      serviceAccountName: 'app',
                      permissionPolicyARNs: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
                      ...(c.podIdentity === 'given-role' ? { roleARN: ROLE } : {}),
                    },
                  ],
          },
          fargateProfiles:
            c.fargate === 'none'
              ? []
              : [fargateProfile('fp', c.fargate === 'given-role' ? { podExecutionRoleARN: ROLE } : {})],
          nodeGroups: [
            nodeGroup('ng1', {
              iam: {
                attachPolicyARNs: [],
                ...(c.selfManagedRole ? { instanceRoleARN: ROLE } : {}),
                ...(c.selfManagedProfile ? { instanceProfileARN: PROFILE } : {}),
              },
            }),
          ],
          managedNodeGroups: [
            managedNodeGroup('m1', {
              iam: { attachPolicyARNs: [], ...(c.managedRole ? { instanceRoleARN: ROLE } : {}) },
            }),
          ],
        });
        const { plan, problems } = await buildPlan(config, createOfflineFacts());
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        const templates = renderTemplates(plan!);
        for (const stack of plan!.stacks) {
          const needed = requiredCapabilities(templates.get(stack.name)!);
          for (const capability of needed) expect(stack.capabilities, stack.name).toContain(capability);
        }
      }),
      { seed: 7, numRuns: 128 },
    );
  });
});
