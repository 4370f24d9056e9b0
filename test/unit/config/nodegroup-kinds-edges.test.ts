/**
 * The nodegroup rules of rules/nodegroup-kinds.ts at their boundaries, with every problem asserted
 * whole (rule, severity, path, position, message, hint): each case sits on one side of one
 * condition, for each nodegroup kind where the kinds differ, so that a changed condition, message
 * or path shows. Fields the loader refuses first (V19, TYPE) are checked on the rule itself.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/config/problem.js';
import { arnSyntaxError, nodeGroupKindRules, parseArn } from '../../../src/config/rules/nodegroup-kinds.js';
import { problemsIn, type ExpectedProblem } from './problem-table.js';
import { HEADER, lines, load, ruleContextOf } from './support.js';

const file = (...parts: string[]) => lines(HEADER, ...parts);
const withVersion = (text: string, version: string) =>
  text.replace('region: us-west-2', `region: us-west-2\n  version: "${version}"`);
/** One nodegroup of a kind, written as a flow mapping after its name. */
const self = (fields: string) => file('nodeGroups:', `  - {name: ng1, privateNetworking: true, ${fields}}`);
const managed = (fields: string) => file('managedNodeGroups:', `  - {name: m1, privateNetworking: true, ${fields}}`);

/** The problems the loader gives `text` at `path`. */
function loadedAt(text: string, path: string): Problem[] {
  return load(text).problems.filter((p) => p.path === path);
}

/** The problems nodeGroupKindRules gives `text` as read (no field or type check first) at `path`. */
function ruleAt(text: string, path: string): Problem[] {
  return nodeGroupKindRules(ruleContextOf(text)).filter((p) => p.path === path);
}

/** VALUE errors, as the rule reports them. */
function value(text: string, ...expected: Omit<ExpectedProblem, 'rule'>[]): Problem[] {
  return problemsIn(
    text,
    expected.map((e) => ({ rule: 'VALUE', ...e })),
  );
}

const ROLE = 'arn:aws:iam::123456789012:role/r';
const SIZE_HINT = (p: string) => `add volumeSize (GiB, e.g. 80) to ${p}`;
const PRIVATE_EKS_FAMILIES =
  'AmazonLinux2023, AmazonLinux2, Bottlerocket, Ubuntu2004, UbuntuPro2004, Ubuntu2204, UbuntuPro2204, Ubuntu2404, UbuntuPro2404, Ubuntu2604, UbuntuPro2604';
const BOTTLEROCKET_HINT = 'use Bottlerocket settings or bootstrap containers, or amiFamily AmazonLinux2023';

describe('volume fields without volumeSize (validateNodeGroupBase)', () => {
  it('a managed nodegroup with a launch template has no default size: volumeEncrypted is refused', () => {
    const text = managed('launchTemplate: {id: lt-1}, volumeEncrypted: true');
    expect(loadedAt(text, 'managedNodeGroups[0].volumeEncrypted')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].volumeEncrypted',
        at: 'volumeEncrypted',
        message: 'managedNodeGroups[0].volumeEncrypted cannot be set without managedNodeGroups[0].volumeSize',
        hint: SIZE_HINT('managedNodeGroups[0]'),
      }),
    );
  });

  it('a managed nodegroup without a launch template has its default size: volumeEncrypted passes', () => {
    expect(loadedAt(managed('volumeEncrypted: true'), 'managedNodeGroups[0].volumeEncrypted')).toEqual([]);
  });

  it('volumeName set: refused without volumeSize', () => {
    const text = self('volumeName: /dev/xvda');
    expect(loadedAt(text, 'nodeGroups[0].volumeName')).toEqual(
      value(text, {
        path: 'nodeGroups[0].volumeName',
        at: 'volumeName',
        message: 'nodeGroups[0].volumeName cannot be set without nodeGroups[0].volumeSize',
        hint: SIZE_HINT('nodeGroups[0]'),
      }),
    );
  });

  it('volumeName and volumeKmsKeyID empty: nothing to refuse', () => {
    const text = self('volumeName: "", volumeKmsKeyID: ""');
    expect(loadedAt(text, 'nodeGroups[0].volumeName')).toEqual([]);
    expect(loadedAt(text, 'nodeGroups[0].volumeKmsKeyID')).toEqual([]);
  });

  it('volumeKmsKeyID without volumeSize nor volumeEncrypted: both problems, in order', () => {
    const text = self('volumeKmsKeyID: k1');
    expect(loadedAt(text, 'nodeGroups[0].volumeKmsKeyID')).toEqual(
      value(
        text,
        {
          path: 'nodeGroups[0].volumeKmsKeyID',
          at: 'volumeKmsKeyID',
          message: 'nodeGroups[0].volumeKmsKeyID cannot be set without nodeGroups[0].volumeSize',
          hint: SIZE_HINT('nodeGroups[0]'),
        },
        {
          path: 'nodeGroups[0].volumeKmsKeyID',
          at: 'volumeKmsKeyID',
          message:
            'nodeGroups[0].volumeKmsKeyID can not be set without nodeGroups[0].volumeEncrypted enabled explicitly',
          hint: 'add volumeEncrypted: true',
        },
      ),
    );
  });

  it('volumeKmsKeyID with volumeSize and volumeEncrypted: passes', () => {
    const text = self('volumeKmsKeyID: k1, volumeSize: 80, volumeEncrypted: true');
    expect(loadedAt(text, 'nodeGroups[0].volumeKmsKeyID')).toEqual([]);
  });
});

describe('maxPodsPerNode below zero (validateNodeGroupBase, on the rule: the loader refuses it as TYPE)', () => {
  it('-1 is refused, at the value', () => {
    const text = self('maxPodsPerNode: -1');
    expect(ruleAt(text, 'nodeGroups[0].maxPodsPerNode')).toEqual(
      value(text, {
        path: 'nodeGroups[0].maxPodsPerNode',
        at: '-1',
        message: 'nodeGroups[0].maxPodsPerNode cannot be negative',
        hint: 'write a positive number',
      }),
    );
  });

  it('0 passes', () => {
    expect(ruleAt(self('maxPodsPerNode: 0'), 'nodeGroups[0].maxPodsPerNode')).toEqual([]);
  });

  it('a string is left to the type check', () => {
    expect(ruleAt(self('maxPodsPerNode: "-1"'), 'nodeGroups[0].maxPodsPerNode')).toEqual([]);
  });
});

describe('efaEnabled with more than one subnet (validateNodeGroupBase, on the rule: V19 first)', () => {
  it('two subnets are refused', () => {
    const text = self('efaEnabled: true, subnets: [subnet-0a, subnet-0b]');
    expect(ruleAt(text, 'nodeGroups[0].efaEnabled')).toEqual(
      value(text, {
        path: 'nodeGroups[0].efaEnabled',
        at: 'efaEnabled',
        message: 'nodeGroups[0].efaEnabled nodegroups must have only one subnet or one availability zone',
        hint: 'list one subnet or one zone',
      }),
    );
  });

  it('one subnet passes', () => {
    expect(ruleAt(self('efaEnabled: true, subnets: [subnet-0a]'), 'nodeGroups[0].efaEnabled')).toEqual([]);
  });

  it('two subnets without EFA pass', () => {
    expect(ruleAt(self('efaEnabled: false, subnets: [subnet-0a, subnet-0b]'), 'nodeGroups[0].efaEnabled')).toEqual([]);
  });
});

describe('accelerators and the image family (validateNodeGroupBase)', () => {
  it('an Inferentia type without amiFamily passes (the default family has the image)', () => {
    expect(loadedAt(self('instanceType: inf2.xlarge'), 'nodeGroups[0].amiFamily')).toEqual([]);
  });
});

describe('a given role or instance profile with policies (validateNodeGroupIAM)', () => {
  it('self-managed: instanceRoleARN with instanceRolePermissionsBoundary', () => {
    const text = self(
      `iam: {instanceRoleARN: "${ROLE}", instanceRolePermissionsBoundary: "arn:aws:iam::123456789012:policy/b"}`,
    );
    expect(loadedAt(text, 'nodeGroups[0].iam.instanceRolePermissionsBoundary')).toEqual(
      value(text, {
        path: 'nodeGroups[0].iam.instanceRolePermissionsBoundary',
        at: 'instanceRolePermissionsBoundary',
        message:
          'nodeGroups[0].iam.instanceRoleARN and nodeGroups[0].iam.instanceRolePermissionsBoundary cannot be set at the same time',
        hint: 'attach the policies to your role yourself and remove iam.instanceRolePermissionsBoundary, or remove iam.instanceRoleARN so the node role is created with them',
      }),
    );
  });

  it('managed: instanceRoleARN with attachPolicyARNs', () => {
    const text = managed(`iam: {instanceRoleARN: "${ROLE}", attachPolicyARNs: [arn:aws:iam::aws:policy/P]}`);
    expect(loadedAt(text, 'managedNodeGroups[0].iam.attachPolicyARNs')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].iam.attachPolicyARNs',
        at: 'attachPolicyARNs',
        message:
          'managedNodeGroups[0].iam.instanceRoleARN and managedNodeGroups[0].iam.attachPolicyARNs cannot be set at the same time',
        hint: 'attach the policies to your role yourself and remove iam.attachPolicyARNs, or remove iam.instanceRoleARN so the node role is created with them',
      }),
    );
  });
});

describe('attachPolicyARNs that are no ARN (self-managed, arn.Parse)', () => {
  const HINT = 'write a policy ARN: arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME';

  it('six sections with another prefix are refused', () => {
    const text = self('iam: {attachPolicyARNs: ["nra:aws:iam::aws:policy/P"]}');
    expect(loadedAt(text, 'nodeGroups[0].iam.attachPolicyARNs[0]')).toEqual(
      value(text, {
        path: 'nodeGroups[0].iam.attachPolicyARNs[0]',
        at: '"nra:',
        message: 'invalid ARN "nra:aws:iam::aws:policy/P" in nodeGroups[0].iam.attachPolicyARNs: arn: invalid prefix',
        hint: HINT,
      }),
    );
  });

  it('five sections with the arn prefix are refused: not enough sections, as arn.Parse says', () => {
    const text = self('iam: {attachPolicyARNs: ["arn:aws:iam::policy-P"]}');
    const problems = loadedAt(text, 'nodeGroups[0].iam.attachPolicyARNs[0]');
    expect(problems.filter((p) => p.hint === HINT)).toMatchObject([
      {
        rule: 'VALUE',
        severity: 'error',
        message: 'invalid ARN "arn:aws:iam::policy-P" in nodeGroups[0].iam.attachPolicyARNs: arn: not enough sections',
      },
    ]);
  });

  it("arnSyntaxError gives arn.Parse's two errors", () => {
    expect(arnSyntaxError('arn:aws:iam::123456789012:role/a')).toBeUndefined();
    expect(arnSyntaxError('arn:aws:kms:us-west-2:1:key/k:extra')).toBeUndefined();
    expect(arnSyntaxError('role/a')).toBe('arn: invalid prefix');
    expect(arnSyntaxError('ARN:aws:iam::1:role/a')).toBe('arn: invalid prefix');
    expect(arnSyntaxError('arn:aws:iam::1')).toBe('arn: not enough sections');
    expect(arnSyntaxError('arn:')).toBe('arn: not enough sections');
  });

  it('parseArn keeps the colons of the resource', () => {
    expect(parseArn('arn:aws:iam::123456789012:policy/a:b:c')).toEqual({ service: 'iam', resource: 'policy/a:b:c' });
    expect(parseArn('arn:aws:iam::123456789012')).toBeUndefined();
    expect(parseArn('nra:aws:iam::123456789012:policy/a')).toBeUndefined();
  });
});

describe('bootstrap fields the family refuses: the hint follows the family', () => {
  it('self-managed Bottlerocket with preBootstrapCommands', () => {
    const text = self('amiFamily: Bottlerocket, preBootstrapCommands: [echo hi]');
    expect(loadedAt(text, 'nodeGroups[0].preBootstrapCommands')).toEqual(
      value(text, {
        path: 'nodeGroups[0].preBootstrapCommands',
        at: 'preBootstrapCommands',
        message:
          'preBootstrapCommands is not supported for Bottlerocket nodegroups (path=nodeGroups[0].preBootstrapCommands)',
        hint: BOTTLEROCKET_HINT,
      }),
    );
  });

  it('self-managed BottlerocketFips with preBootstrapCommands (and the family private-eks cannot build)', () => {
    const text = self('amiFamily: BottlerocketFips, preBootstrapCommands: [echo hi]');
    expect(loadedAt(text, 'nodeGroups[0].preBootstrapCommands')).toEqual(
      value(text, {
        path: 'nodeGroups[0].preBootstrapCommands',
        at: 'preBootstrapCommands',
        message:
          'preBootstrapCommands is not supported for BottlerocketFips nodegroups (path=nodeGroups[0].preBootstrapCommands)',
        hint: BOTTLEROCKET_HINT,
      }),
    );
    expect(loadedAt(text, 'nodeGroups[0].amiFamily')).toEqual(
      value(text, {
        path: 'nodeGroups[0].amiFamily',
        at: 'BottlerocketFips',
        message: `amiFamily BottlerocketFips is not supported by private-eks (eksctl accepts it; private-eks builds nodes on ${PRIVATE_EKS_FAMILIES} only)`,
        hint: `use one of ${PRIVATE_EKS_FAMILIES}`,
      }),
    );
  });

  it('managed Windows with overrideBootstrapCommand: refused, then eksctl wants a custom AMI', () => {
    const text = managed('amiFamily: WindowsServer2022CoreContainer, overrideBootstrapCommand: x');
    expect(loadedAt(text, 'managedNodeGroups[0].overrideBootstrapCommand')).toEqual(
      value(
        text,
        {
          path: 'managedNodeGroups[0].overrideBootstrapCommand',
          at: 'overrideBootstrapCommand',
          message:
            'overrideBootstrapCommand is not supported for WindowsServer2022CoreContainer nodegroups (path=managedNodeGroups[0].overrideBootstrapCommand)',
          hint: 'remove it',
        },
        {
          path: 'managedNodeGroups[0].overrideBootstrapCommand',
          at: 'overrideBootstrapCommand',
          message:
            'managedNodeGroups[0].overrideBootstrapCommand can only be set when a custom AMI (managedNodeGroups[0].ami) is specified',
          hint: 'set ami, or use preBootstrapCommands',
        },
      ),
    );
  });
});

describe('the image families private-eks builds', () => {
  it.each(['UbuntuPro2004', 'UbuntuPro2204', 'UbuntuPro2404', 'Ubuntu2604', 'UbuntuPro2604'])(
    '%s is not refused as a family private-eks cannot build',
    (family) => {
      const messages = loadedAt(managed(`amiFamily: ${family}`), 'managedNodeGroups[0].amiFamily').map(
        (p) => p.message,
      );
      expect(messages.filter((m) => m.includes('not supported by private-eks'))).toEqual([]);
    },
  );
});

describe('AmazonLinux2 end of life', () => {
  it('a later major version is past the end of life too', () => {
    const text = withVersion(self('amiFamily: AmazonLinux2'), '2.0');
    expect(loadedAt(text, 'nodeGroups[0].amiFamily')).toEqual(
      value(text, {
        path: 'nodeGroups[0].amiFamily',
        at: 'AmazonLinux2}',
        message: 'AmazonLinux2 is not supported for Kubernetes version 2.0',
        hint: 'use amiFamily AmazonLinux2023, or a Kubernetes version before 1.33',
      }),
    );
  });

  it('a custom AMI: refused self-managed, accepted managed', () => {
    const text = file(
      'nodeGroups:',
      '  - {name: ng1, privateNetworking: true, amiFamily: AmazonLinux2, ami: ami-0abc, overrideBootstrapCommand: x}',
      'managedNodeGroups:',
      '  - {name: m1, privateNetworking: true, amiFamily: AmazonLinux2, ami: ami-0abc, overrideBootstrapCommand: x}',
    );
    expect(loadedAt(text, 'nodeGroups[0].amiFamily')).toEqual(
      value(text, {
        path: 'nodeGroups[0].amiFamily',
        at: 'AmazonLinux2,',
        message: 'AmazonLinux2 is not supported for Kubernetes version 1.34',
        hint: 'use amiFamily AmazonLinux2023, or a Kubernetes version before 1.33',
      }),
    );
    expect(loadedAt(text, 'managedNodeGroups[0].amiFamily')).toEqual([]);
  });
});

describe('a custom AMI needs overrideBootstrapCommand', () => {
  it('self-managed Windows bootstraps itself: no overrideBootstrapCommand needed', () => {
    const text = self('amiFamily: WindowsServer2022CoreContainer, ami: ami-0abc');
    expect(loadedAt(text, 'nodeGroups[0].ami')).toEqual([]);
  });

  it('self-managed Ubuntu needs it', () => {
    const text = self('amiFamily: Ubuntu2204, ami: ami-0abc');
    expect(loadedAt(text, 'nodeGroups[0].ami')).toEqual(
      value(text, {
        path: 'nodeGroups[0].ami',
        at: 'ami:',
        message:
          'nodeGroups[0].overrideBootstrapCommand is required when using a custom AMI based on Ubuntu2204 (nodeGroups[0].ami)',
        hint: 'add overrideBootstrapCommand: the command that joins the node to the cluster',
      }),
    );
  });
});

describe('managed custom AMIs', () => {
  it('an Ubuntu custom AMI with overrideBootstrapCommand passes', () => {
    const text = managed('ami: ami-0abc, amiFamily: Ubuntu2204, overrideBootstrapCommand: x');
    expect(load(text).problems).toEqual([]);
  });

  it('a family that only contains "Ubuntu" is refused (on the rule: the loader refuses the family first)', () => {
    const text = managed('ami: ami-0abc, amiFamily: CustomUbuntu2204, overrideBootstrapCommand: x');
    expect(ruleAt(text, 'managedNodeGroups[0].amiFamily')[0]).toMatchObject({
      rule: 'VALUE',
      message: expect.stringMatching(
        /^cannot set amiFamily to CustomUbuntu2204 when using a custom AMI for managed nodes, only /,
      ) as unknown,
      hint: 'use an Amazon Linux or Bottlerocket AMI',
    });
  });

  it('without amiFamily: only that problem, not the custom AMI limits', () => {
    const text = managed('ami: ami-0abc, maxPodsPerNode: 20');
    expect(loadedAt(text, 'managedNodeGroups[0].ami')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].ami',
        at: 'ami:',
        message:
          'when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag',
        hint: 'add amiFamily (the family the AMI is built from, e.g. AmazonLinux2023)',
      }),
    );
    expect(loadedAt(text, 'managedNodeGroups[0].maxPodsPerNode')).toEqual([]);
  });
});

describe('managed securityGroups.withLocal (on the rule: V19 first)', () => {
  it('withLocal: true is refused', () => {
    const text = managed('securityGroups: {withLocal: true}');
    expect(ruleAt(text, 'managedNodeGroups[0].securityGroups')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].securityGroups',
        at: 'securityGroups',
        message:
          'securityGroups.withLocal and securityGroups.withShared are not supported for managed nodegroups (managedNodeGroups[0].securityGroups)',
        hint: 'remove withShared: managed nodes get the cluster security group',
      }),
    );
  });

  it('withLocal: false passes', () => {
    expect(ruleAt(managed('securityGroups: {withLocal: false}'), 'managedNodeGroups[0].securityGroups')).toEqual([]);
  });
});

describe('managed overrideBootstrapCommand without a custom AMI', () => {
  const PRIVATE = {
    path: 'managedNodeGroups[0].overrideBootstrapCommand',
    at: 'overrideBootstrapCommand',
    message:
      'managedNodeGroups[0].overrideBootstrapCommand needs a custom AMI (managedNodeGroups[0].ami) on a managed nodegroup in private-eks (eksctl accepts it on AmazonLinux2023; private-eks lets EKS bootstrap its own image)',
    hint: 'set ami, or use preBootstrapCommands',
  };

  it.each(['amiFamily: AmazonLinux2023, ', ''])(
    '%sthe default family: private-eks refuses it, eksctl does not',
    (f) => {
      const text = managed(`${f}overrideBootstrapCommand: x`);
      expect(loadedAt(text, PRIVATE.path)).toEqual(value(text, PRIVATE));
    },
  );

  it('Ubuntu: eksctl refuses it, private-eks adds nothing', () => {
    const text = managed('amiFamily: Ubuntu2204, overrideBootstrapCommand: x');
    expect(loadedAt(text, PRIVATE.path)).toEqual(
      value(text, {
        ...PRIVATE,
        message:
          'managedNodeGroups[0].overrideBootstrapCommand can only be set when a custom AMI (managedNodeGroups[0].ami) is specified',
      }),
    );
  });

  it('self-managed: private-eks bootstraps it', () => {
    const text = self('amiFamily: AmazonLinux2023, overrideBootstrapCommand: x');
    expect(loadedAt(text, 'nodeGroups[0].overrideBootstrapCommand')).toEqual([]);
  });

  it('with a launch template: only the launch template problem', () => {
    const text = managed('launchTemplate: {id: lt-1}, overrideBootstrapCommand: x');
    expect(loadedAt(text, PRIVATE.path)).toEqual([]);
    expect(loadedAt(text, 'managedNodeGroups[0].launchTemplate')).toHaveLength(1);
  });
});

describe('io1 and io2 volumes need volumeIOPS in private-eks', () => {
  it.each(['io1', 'io2'])('%s without volumeIOPS is refused, at the value', (type) => {
    const text = managed(`volumeType: ${type}`);
    expect(loadedAt(text, 'managedNodeGroups[0].volumeType')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].volumeType',
        at: `${type}}`,
        message: `managedNodeGroups[0].volumeType ${type} needs volumeIOPS in private-eks (CloudFormation requires Iops for io1 and io2 volumes)`,
        hint: 'use volumeType gp3, or give volumeIOPS',
      }),
    );
  });

  it.each(['volumeType: io1, volumeIOPS: 100', 'volumeType: io2, volumeIOPS: 100', 'volumeType: gp3'])(
    '%s passes',
    (fields) => {
      expect(loadedAt(self(fields), 'nodeGroups[0].volumeType')).toEqual([]);
    },
  );
});

describe('updateConfig.maxUnavailable above maxSize (on the rule: V19 first)', () => {
  it('points at the value', () => {
    const text = managed('maxSize: 3, updateConfig: {maxUnavailable: 4}');
    expect(ruleAt(text, 'managedNodeGroups[0].updateConfig.maxUnavailable')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].updateConfig.maxUnavailable',
        at: '4}',
        message: 'maxUnavailable=4 cannot be greater than maxSize=3',
        hint: 'lower maxUnavailable',
      }),
    );
  });
});

describe('launch templates (ValidateManagedNodeGroup)', () => {
  it('without an id', () => {
    const text = managed('launchTemplate: {version: "1"}');
    expect(loadedAt(text, 'managedNodeGroups[0].launchTemplate')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].launchTemplate',
        at: 'launchTemplate',
        message: 'launchTemplate.id is required if launchTemplate is set (managedNodeGroups[0].launchTemplate)',
        hint: 'give the launch template id (lt-…)',
      }),
    );
  });

  it.each(['v1', '1a'])('version %s is no integer', (version) => {
    const text = managed(`launchTemplate: {id: lt-1, version: "${version}"}`);
    expect(loadedAt(text, 'managedNodeGroups[0].launchTemplate.version')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].launchTemplate.version',
        at: `"${version}"`,
        message: `invalid launch template version: strconv.ParseInt: parsing "${version}": invalid syntax`,
        hint: 'write a version number, e.g. "1"',
      }),
    );
  });

  it.each(['+1', '12'])('version %s passes (ParseInt reads a sign and many digits)', (version) => {
    const text = managed(`launchTemplate: {id: lt-1, version: "${version}"}`);
    expect(loadedAt(text, 'managedNodeGroups[0].launchTemplate.version')).toEqual([]);
  });
});

describe('managed Windows on an Arm instance type', () => {
  it('instanceType m6g.large is refused, at the value', () => {
    const text = managed('amiFamily: WindowsServer2022CoreContainer, instanceType: m6g.large');
    expect(loadedAt(text, 'managedNodeGroups[0].instanceType')).toEqual(
      value(text, {
        path: 'managedNodeGroups[0].instanceType',
        at: 'm6g.large',
        message:
          'm6g.large instance types are not supported for managed nodegroups with AMIFamily WindowsServer2022CoreContainer: EKS has no Arm (Graviton) Windows image',
        hint: 'use an x86_64 instance type for Windows nodes',
      }),
    );
  });

  it('AmazonLinux2023 on m6g.large passes', () => {
    const text = managed('amiFamily: AmazonLinux2023, instanceType: m6g.large');
    expect(loadedAt(text, 'managedNodeGroups[0].instanceType')).toEqual([]);
  });
});
