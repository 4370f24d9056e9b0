/**
 * The node role: `iam.attachPolicyARNs` become managed policies and `iam.attachPolicy` an inline
 * policy, for both nodegroup kinds — nothing of the user's IAM settings is dropped.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplates } from '../../../src/templates/index.js';
import { testPlan } from '../../helpers/plan-fixtures.js';
import { managedNodeGroup, nodeGroup, resolvedConfig } from '../../helpers/resolved-config.js';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }],
};

describe('node role', () => {
  it.each(['self-managed', 'managed'] as const)('%s: carries attachPolicy inline and attachPolicyARNs', (kind) => {
    const iam = { attachPolicyARNs: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'], attachPolicy: DOCUMENT };
    const config = resolvedConfig(
      kind === 'managed'
        ? { managedNodeGroups: [managedNodeGroup('m1', { iam })] }
        : { nodeGroups: [nodeGroup('ng1', { iam })] },
    );
    const templates = renderTemplates(testPlan(config));
    const name = kind === 'managed' ? 'm1' : 'ng1';
    const [, template] = [...templates.entries()].find(([stack]) => stack.endsWith(`-nodegroup-${name}`))!;
    const role = template.Resources['NodeInstanceRole'];
    expect(role?.Properties?.['Policies']).toEqual([{ PolicyName: 'PolicyAttachments', PolicyDocument: DOCUMENT }]);
    expect(JSON.stringify(role?.Properties?.['ManagedPolicyArns'])).toContain('AmazonS3ReadOnlyAccess');
  });

  it('has no inline policy when none is asked for', () => {
    const templates = renderTemplates(testPlan(resolvedConfig({ nodeGroups: [nodeGroup('ng1')] })));
    const role = [...templates.values()].find((t) => t.Resources['NodeInstanceRole'] !== undefined)?.Resources[
      'NodeInstanceRole'
    ];
    expect(role).toBeDefined();
    expect(role?.Properties?.['Policies']).toBeUndefined();
  });
});
