/**
 * AWS's limits, checked before any AWS call so that no stack fails at CreateStack or half-way:
 * stack names, tags, resource ID and ARN formats, the cluster name's first character. (Number
 * ranges are in the schema; the service CIDR is V16; template sizes are checked on the rendered
 * templates, offline-plan.ts.)
 */
import { formatPath, type FieldPath } from '../path.js';
import type { Problem } from '../problem.js';
import { quote } from '../report.js';
import { eachNodeGroup, report, type RuleContext } from './context.js';

/** CloudFormation's limit on stack names. */
export const MAX_STACK_NAME = 128;
/** AWS's limits on tags (EC2, EKS, IAM, CloudFormation alike). */
export const MAX_TAGS = 50;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
/** The tags private-eks puts on a resource besides the user's: Name, two cluster names, version, nodegroup name and type. */
export const OWN_TAGS = 6;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function tagProblems(ctx: RuleContext, base: FieldPath, tags: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const path: FieldPath = [...base, key];
    const bad = (message: string, hint: string, anchor: 'key' | 'value' = 'key') =>
      problems.push(report(ctx, anchor, { rule: 'VALUE', path, message, hint }));
    if (key.toLowerCase().startsWith('aws:')) {
      bad(`tag key ${quote(key)} starts with "aws:", which AWS reserves for its own tags`, 'choose another key');
    } else if (key.length === 0) {
      bad(`a tag key is empty; AWS needs 1 to ${MAX_TAG_KEY} characters`, 'give the tag a key, or remove it');
    } else if (key.length > MAX_TAG_KEY) {
      bad(`tag key ${quote(key)} is ${key.length} characters long; AWS allows 1 to ${MAX_TAG_KEY}`, 'shorten the key');
    } else if (!TAG_CHARS.test(key)) {
      bad(
        `tag key ${quote(key)} has characters AWS refuses in tags`,
        'use letters, digits, spaces and _ . : / = + - @',
      );
    }
    if (value.length > MAX_TAG_VALUE) {
      bad(
        `tag ${quote(key)} has a value of ${value.length} characters; AWS allows at most ${MAX_TAG_VALUE}`,
        'shorten the value',
        'value',
      );
    } else if (!TAG_CHARS.test(value)) {
      bad(
        `tag ${quote(key)} has a value with characters AWS refuses in tags`,
        'use letters, digits, spaces and _ . : / = + - @',
        'value',
      );
    }
  }
  return problems;
}

function tagCount(ctx: RuleContext, path: FieldPath, count: number): Problem[] {
  if (count + OWN_TAGS <= MAX_TAGS) return [];
  return [
    report(ctx, 'key', {
      rule: 'VALUE',
      path,
      message: `${formatPath(path)} gives a resource ${count} tags; with the ${OWN_TAGS} private-eks adds that is over AWS's limit of ${MAX_TAGS} tags per resource`,
      hint: `keep at most ${MAX_TAGS - OWN_TAGS} tags (metadata.tags and a nodegroup's, add-on's or Fargate profile's own tags together)`,
    }),
  ];
}

/** Tags: per key and value, and the count on each resource (the cluster's tags are on every one). */
export function tags(ctx: RuleContext): Problem[] {
  const clusterTags = ctx.config.metadata?.tags ?? {};
  const problems = [
    ...tagProblems(ctx, ['metadata', 'tags'], clusterTags),
    ...tagCount(ctx, ['metadata', 'tags'], Object.keys(clusterTags).length),
  ];
  const own = (path: FieldPath, extra: Readonly<Record<string, string>> | undefined) => {
    if (extra === undefined) return;
    problems.push(...tagProblems(ctx, path, extra));
    const count = new Set([...Object.keys(clusterTags), ...Object.keys(extra)]).size;
    if (Object.keys(clusterTags).length + OWN_TAGS <= MAX_TAGS) problems.push(...tagCount(ctx, path, count));
  };
  for (const { path, ng } of eachNodeGroup(ctx.config)) own([...path, 'tags'], ng.tags);
  (ctx.config.addons ?? []).forEach((a, i) => own(['addons', i, 'tags'], a.tags));
  (ctx.config.fargateProfiles ?? []).forEach((p, i) => own(['fargateProfiles', i, 'tags'], p.tags));
  return problems;
}

/** EC2 Auto Scaling's default quota: groups per region. Each nodegroup, of either kind, is one. */
export const MAX_NODE_GROUPS = 500;
/**
 * Fargate profiles in one file. EKS's default quota is 10 per cluster; private-eks puts every
 * profile in one stack, whose template (CloudFormation takes 51,200 bytes) holds about 100.
 */
export const MAX_FARGATE_PROFILES = 100;

/**
 * How many nodegroups and Fargate profiles one file may have: the first one past the limit is
 * named. Besides AWS's quotas, the limits keep every answer quick (each nodegroup is a stack to
 * plan and render).
 */
export function counts(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const nodeGroups = eachNodeGroup(ctx.config);
  const firstOver = nodeGroups[MAX_NODE_GROUPS];
  if (firstOver !== undefined) {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: firstOver.path,
        message: `the file has ${nodeGroups.length} nodegroups; each is an EC2 Auto Scaling group and a CloudFormation stack, and AWS's default quota is ${MAX_NODE_GROUPS} Auto Scaling groups per region`,
        hint: `keep at most ${MAX_NODE_GROUPS} nodegroups (nodeGroups and managedNodeGroups together); a nodegroup can hold up to 1000 nodes (maxSize)`,
      }),
    );
  }
  const profiles = ctx.config.fargateProfiles ?? [];
  if (profiles.length > MAX_FARGATE_PROFILES) {
    problems.push(
      report(ctx, 'key', {
        rule: 'VALUE',
        path: ['fargateProfiles', MAX_FARGATE_PROFILES],
        message: `the file has ${profiles.length} Fargate profiles; private-eks puts them in one CloudFormation stack, whose template holds about ${MAX_FARGATE_PROFILES} (and EKS's default quota is 10 per cluster)`,
        hint: `keep at most ${MAX_FARGATE_PROFILES} Fargate profiles; one profile takes up to 5 selectors, each matching a namespace and labels`,
      }),
    );
  }
  return problems;
}

/** The stacks a cluster makes, and the names that feed them (plan/stacks.ts names them). */
export function stackNames(ctx: RuleContext): Problem[] {
  const cluster = ctx.config.metadata?.name ?? '';
  const problems: Problem[] = [];
  if (/^[-]/.test(cluster)) {
    problems.push(
      report(ctx, 'value', {
        rule: 'V15',
        path: ['metadata', 'name'],
        message: `metadata.name ${quote(cluster)} starts with a dash; EKS cluster names start with a letter or a digit`,
        hint: 'start the name with a letter or a digit',
      }),
    );
  }
  for (const { path, ng } of eachNodeGroup(ctx.config)) {
    const stack = `eksctl-${cluster}-nodegroup-${ng.name ?? ''}`;
    if (stack.length <= MAX_STACK_NAME) continue;
    problems.push(
      report(ctx, 'value', {
        rule: 'V12',
        path: [...path, 'name'],
        message: `the nodegroup's CloudFormation stack name ${quote(stack, 40)} would be ${stack.length} characters long; CloudFormation allows at most ${MAX_STACK_NAME}`,
        hint: `shorten the nodegroup or the cluster name: together at most ${MAX_STACK_NAME - 'eksctl--nodegroup-'.length} characters`,
      }),
    );
  }
  return problems;
}

interface Format {
  readonly pattern: RegExp;
  readonly what: string;
  readonly example: string;
}

const ID = (prefix: string, what: string): Format => ({
  pattern: new RegExp(`^${prefix}-[0-9a-f]{1,17}$`),
  what,
  example: `${prefix}-0123456789abcdef0`,
});
const PARTITION = 'arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?';
const ROLE_ARN: Format = {
  pattern: new RegExp(`^${PARTITION}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`),
  what: 'an IAM role ARN',
  example: 'arn:aws:iam::123456789012:role/NAME',
};
const POLICY_ARN: Format = {
  pattern: new RegExp(`^${PARTITION}:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]{1,512}$`),
  what: 'an IAM policy ARN',
  example: 'arn:aws:iam::aws:policy/NAME',
};
const PROFILE_ARN: Format = {
  pattern: new RegExp(`^${PARTITION}:iam::\\d{12}:instance-profile/[\\w+=,.@/-]{1,512}$`),
  what: 'an IAM instance profile ARN',
  example: 'arn:aws:iam::123456789012:instance-profile/NAME',
};
const KMS_ARN: Format = {
  pattern: new RegExp(`^${PARTITION}:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[\\w/+=,.@-]+$`),
  what: 'a KMS key ARN',
  example: 'arn:aws:kms:us-west-2:123456789012:key/KEY-ID',
};
const SUBNET = ID('subnet', 'a subnet id');
const SECURITY_GROUP = ID('sg', 'a security group id');

/** Resource IDs and ARNs in the form AWS gives them, so a typo fails here, not in a stack. */
export function idFormats(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const check = (path: FieldPath, value: string | undefined, format: Format) => {
    if (value === undefined || value === '' || format.pattern.test(value)) return;
    problems.push(
      report(ctx, 'value', {
        rule: 'VALUE',
        path,
        message: `${formatPath(path)} ${quote(value)} is not ${format.what}`,
        hint: `write ${format.what} such as ${format.example}`,
      }),
    );
  };
  const { vpc, iam } = ctx.config;
  check(['vpc', 'id'], vpc?.id, ID('vpc', 'a VPC id'));
  for (const [key, spec] of Object.entries(vpc?.subnets?.private ?? {}))
    check(['vpc', 'subnets', 'private', key, 'id'], spec.id, SUBNET);
  check(['vpc', 'securityGroup'], vpc?.securityGroup, SECURITY_GROUP);
  check(['vpc', 'sharedNodeSecurityGroup'], vpc?.sharedNodeSecurityGroup, SECURITY_GROUP);
  check(['iam', 'serviceRoleARN'], iam?.serviceRoleARN, ROLE_ARN);
  check(['iam', 'fargatePodExecutionRoleARN'], iam?.fargatePodExecutionRoleARN, ROLE_ARN);
  (iam?.serviceAccounts ?? []).forEach((sa, i) =>
    (sa.attachPolicyARNs ?? []).forEach((arn, j) =>
      check(['iam', 'serviceAccounts', i, 'attachPolicyARNs', j], arn, POLICY_ARN),
    ),
  );
  (iam?.podIdentityAssociations ?? []).forEach((pia, i) => {
    check(['iam', 'podIdentityAssociations', i, 'roleARN'], pia.roleARN, ROLE_ARN);
    (pia.permissionPolicyARNs ?? []).forEach((arn, j) =>
      check(['iam', 'podIdentityAssociations', i, 'permissionPolicyARNs', j], arn, POLICY_ARN),
    );
  });
  const key = ctx.config.secretsEncryption?.keyARN;
  if (key !== undefined && key.startsWith('arn:')) check(['secretsEncryption', 'keyARN'], key, KMS_ARN);
  (ctx.config.addons ?? []).forEach((a, i) =>
    check(['addons', i, 'serviceAccountRoleARN'], a.serviceAccountRoleARN, ROLE_ARN),
  );
  (ctx.config.fargateProfiles ?? []).forEach((p, i) =>
    check(['fargateProfiles', i, 'podExecutionRoleARN'], p.podExecutionRoleARN, ROLE_ARN),
  );
  for (const { path, ng } of eachNodeGroup(ctx.config)) {
    check([...path, 'iam', 'instanceRoleARN'], ng.iam?.instanceRoleARN, ROLE_ARN);
    check([...path, 'iam', 'instanceProfileARN'], ng.iam?.instanceProfileARN, PROFILE_ARN);
    (ng.iam?.attachPolicyARNs ?? []).forEach((arn, j) => {
      // A string that is no ARN at all is eksctl's own check (nodegroup-kinds.ts).
      if (arn.startsWith('arn:')) check([...path, 'iam', 'attachPolicyARNs', j], arn, POLICY_ARN);
    });
    if (path[0] === 'nodeGroups' || (ng.ami ?? '').startsWith('ami-'))
      check([...path, 'ami'], ng.ami, ID('ami', 'an AMI id'));
    (ng.securityGroups?.attachIDs ?? []).forEach((id, j) =>
      check([...path, 'securityGroups', 'attachIDs', j], id, SECURITY_GROUP),
    );
    (ng.ssh?.sourceSecurityGroupIds ?? []).forEach((id, j) =>
      check([...path, 'ssh', 'sourceSecurityGroupIds', j], id, SECURITY_GROUP),
    );
    const template = (ng as { launchTemplate?: { id: string } }).launchTemplate;
    if (template !== undefined) check([...path, 'launchTemplate', 'id'], template.id, ID('lt', 'a launch template id'));
  }
  return problems;
}
