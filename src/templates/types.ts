/**
 * The shape of the CloudFormation templates private-eks writes. Values are JSON with intrinsic
 * functions (`{"Ref": …}`, `{"Fn::Sub": …}`) in place of literals; the resource properties are
 * checked against AWS's registry schemas by cfn-lint in the tests (no maintained package of
 * CloudFormation property types is among the project's dependencies).
 */

/** Any JSON value, intrinsic functions included. */
export type CfnValue = string | number | boolean | readonly CfnValue[] | { readonly [key: string]: CfnValue };

/** A CloudFormation resource: its type, properties and CloudFormation attributes. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: Readonly<Record<string, CfnValue>>;
  readonly DependsOn?: readonly string[];
  readonly UpdatePolicy?: Readonly<Record<string, CfnValue>>;
}

/** A CloudFormation template parameter. */
export interface CfnParameter {
  readonly Type: string;
  readonly Description: string;
  readonly Default?: string;
}

/** A CloudFormation template output. */
export interface CfnOutput {
  readonly Description?: string;
  readonly Value: CfnValue;
  readonly Export?: { readonly Name: CfnValue };
}

/** A CloudFormation template. */
export interface Template {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  /** Only where a template must adapt to a parameter's value (instance-selector-types.ts). */
  readonly Conditions?: Readonly<Record<string, CfnValue>>;
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
}

/** A tag as most resource types take it (`Tags: [{Key, Value}]`). */
// A type alias rather than an interface: object types declared with `type` fit CfnValue's
// index signature, interfaces do not.
export type CfnTag = { readonly Key: string; readonly Value: CfnValue };
