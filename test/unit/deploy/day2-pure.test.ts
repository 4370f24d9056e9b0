/**
 * The pure parts of Day 2: the version-skew checks of `upgrade cluster`, the fields a stack update
 * must not fight the EKS API over (pin.ts), and the choice of an add-on's version for a new
 * Kubernetes version.
 */
import { describe, expect, it } from 'vitest';
import type { AddonInfo } from '@aws-sdk/client-eks';
import { chooseAddonVersion, versionsFor } from '../../../src/deploy/addon-versions.js';
import { pinApiManagedFields, templateNodeVersion } from '../../../src/deploy/diff/pin.js';
import { upgradeChecks, type NodegroupVersion } from '../../../src/deploy/upgrade-cluster.js';
import type { Template } from '../../../src/templates/types.js';

const ng = (name: string, version: string | undefined): NodegroupVersion => ({
  name,
  kind: 'managed',
  version,
  stack: `eksctl-c-nodegroup-${name}`,
});

describe('upgradeChecks', () => {
  it('accepts a one-step upgrade with nodegroups at the control plane', () => {
    expect(() => upgradeChecks('1.33', '1.34', [ng('a', '1.33'), ng('own-ami', undefined)])).not.toThrow();
  });
  it('refuses a version private-eks does not know, naming the ones it does', () => {
    expect(() => upgradeChecks('1.33', '1.99', [])).toThrow(/version 1\.99 is not one private-eks knows/);
  });
  it('refuses a downgrade', () => {
    expect(() => upgradeChecks('1.34', '1.33', [])).toThrow(/cannot downgrade it to 1\.33/);
  });
  it('refuses a nodegroup newer than the control plane', () => {
    expect(() => upgradeChecks('1.32', '1.33', [ng('a', '1.33')])).toThrow(/newer than the control plane/);
  });
  it('refuses a nodegroup that would fall more than three minor versions behind, suggesting a smaller step', () => {
    const run = () => upgradeChecks('1.30', '1.34', [ng('old', '1.30')]);
    expect(run).toThrow(/more than 3 minor versions behind/);
    try {
      run();
    } catch (error) {
      expect((error as { hint?: string }).hint).toContain('--version 1.33');
    }
    expect(() => upgradeChecks('1.30', '1.33', [ng('old', '1.30')])).not.toThrow();
  });
});

const clusterTemplate = (version: string, publicAccess: boolean, addonVersion?: string): Template => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'a cluster',
  Parameters: {
    AmiId: {
      Type: 'String',
      Description: 'the AMI',
      Default: `/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/x86_64/standard/recommended/image_id`,
    },
  },
  Resources: {
    ControlPlane: {
      Type: 'AWS::EKS::Cluster',
      Properties: {
        Version: version,
        ResourcesVpcConfig: {
          SubnetIds: ['subnet-1'],
          EndpointPublicAccess: publicAccess,
          EndpointPrivateAccess: true,
        },
      },
    },
    KubeProxy: {
      Type: 'AWS::EKS::Addon',
      Properties: { AddonName: 'kube-proxy', ...(addonVersion === undefined ? {} : { AddonVersion: addonVersion }) },
    },
  },
});

type Props = Record<string, unknown>;
const props = (t: Template, id: string): Props => t.Resources[id]!.Properties;

describe('pinApiManagedFields', () => {
  it('keeps the deployed version, endpoint access, AMI and add-on version over the rendered ones', () => {
    const out = pinApiManagedFields(
      clusterTemplate('1.34', false),
      clusterTemplate('1.33', true, 'v1.33.0-eksbuild.2'),
    );
    expect(props(out, 'ControlPlane')['Version']).toBe('1.33');
    expect((props(out, 'ControlPlane')['ResourcesVpcConfig'] as Props)['EndpointPublicAccess']).toBe(true);
    expect(templateNodeVersion(out)).toBe('1.33');
    expect(props(out, 'KubeProxy')['AddonVersion']).toBe('v1.33.0-eksbuild.2');
  });
  it('upgrade: the AMI follows the new version and the add-on takes the version resolved for it', () => {
    const out = pinApiManagedFields(
      clusterTemplate('1.34', false),
      clusterTemplate('1.33', false, 'v1.33.0-eksbuild.2'),
      {
        followVersion: true,
        addonVersions: new Map([['kube-proxy', 'v1.34.0-eksbuild.2']]),
      },
    );
    expect(templateNodeVersion(out)).toBe('1.34');
    expect(props(out, 'KubeProxy')['AddonVersion']).toBe('v1.34.0-eksbuild.2');
  });
  it('a version pinned in the file wins over the deployed one; none anywhere stays none', () => {
    const pinned = pinApiManagedFields(
      clusterTemplate('1.33', false, 'v1.33.1'),
      clusterTemplate('1.33', false, 'v1.33.0'),
    );
    expect(props(pinned, 'KubeProxy')['AddonVersion']).toBe('v1.33.1');
    const none = pinApiManagedFields(clusterTemplate('1.33', false), clusterTemplate('1.33', false));
    expect(props(none, 'KubeProxy')).not.toHaveProperty('AddonVersion');
  });
  it('does not change the rendered template it was given', () => {
    const rendered = clusterTemplate('1.34', false);
    pinApiManagedFields(rendered, clusterTemplate('1.33', true, 'v1'), {
      addonVersions: new Map([['kube-proxy', 'v2']]),
    });
    expect(rendered).toEqual(clusterTemplate('1.34', false));
  });
});

const info: AddonInfo = {
  addonName: 'coredns',
  addonVersions: [
    { addonVersion: 'v1.11.4-eksbuild.14', compatibilities: [{ clusterVersion: '1.32', defaultVersion: true }] },
    {
      addonVersion: 'v1.12.2-eksbuild.4',
      compatibilities: [
        { clusterVersion: '1.33', defaultVersion: true },
        { clusterVersion: '1.34', defaultVersion: false },
      ],
    },
    { addonVersion: 'v1.12.10-eksbuild.1', compatibilities: [{ clusterVersion: '1.34', defaultVersion: false }] },
  ],
};

describe('add-on version for a Kubernetes version', () => {
  it('lists the versions compatible with it and its default', () => {
    expect(versionsFor(info, '1.33')).toEqual({
      versions: ['v1.12.2-eksbuild.4'],
      defaultVersion: 'v1.12.2-eksbuild.4',
    });
    expect(versionsFor(info, '1.34')).toEqual({
      versions: ['v1.12.2-eksbuild.4', 'v1.12.10-eksbuild.1'],
      defaultVersion: undefined,
    });
    expect(versionsFor(undefined, '1.34')).toEqual({ versions: [], defaultVersion: undefined });
  });
  it('no version in the file: the default, or the newest when EKS names no default (numeric order)', () => {
    expect(chooseAddonVersion({ name: 'coredns' }, 0, versionsFor(info, '1.33'), '1.33')).toBe('v1.12.2-eksbuild.4');
    expect(chooseAddonVersion({ name: 'coredns' }, 0, versionsFor(info, '1.34'), '1.34')).toBe('v1.12.10-eksbuild.1');
  });
  it('`latest` is the newest; a pinned version that supports it is kept', () => {
    expect(chooseAddonVersion({ name: 'coredns', version: 'latest' }, 0, versionsFor(info, '1.34'), '1.34')).toBe(
      'v1.12.10-eksbuild.1',
    );
    expect(
      chooseAddonVersion({ name: 'coredns', version: 'v1.12.2-eksbuild.4' }, 0, versionsFor(info, '1.34'), '1.34'),
    ).toBe('v1.12.2-eksbuild.4');
  });
  it('a pinned version that does not support it is refused with the field and the default to use', () => {
    const run = () =>
      chooseAddonVersion({ name: 'coredns', version: 'v1.11.4-eksbuild.14' }, 2, versionsFor(info, '1.33'), '1.33');
    expect(run).toThrow(
      'add-on coredns is pinned to v1.11.4-eksbuild.14 (addons[2].version), which EKS does not offer for Kubernetes 1.33',
    );
    try {
      run();
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe(
        'set addons[2].version to one EKS offers for 1.33 (its default: v1.12.2-eksbuild.4), or remove it to take the default',
      );
    }
  });
  it('an add-on EKS lists no versions for is left as it is', () => {
    expect(chooseAddonVersion({ name: 'custom', version: 'v1' }, 0, versionsFor(undefined, '1.34'), '1.34')).toBe(
      undefined,
    );
  });
});
