/**
 * Small builders for CloudFormation intrinsic functions, tags and logical ids. Every template
 * module goes through these, so the rules that keep templates portable live in one place:
 * GetAtt in list form (moto cannot read the `"R.Attr"` string form, TESTBED §3.4), partitions
 * through `${AWS::Partition}` (never an `arn:aws:` literal), and the `Name` tag eksctl writes
 * (`${AWS::StackName}/<LogicalId>`).
 */
import type { Partition } from '../plan/types.js';
import type { CfnTag, CfnValue } from './types.js';

export function ref(logicalId: string): CfnValue {
  return { Ref: logicalId };
}

/** GetAtt in list form: the only form moto understands. */
export function getAtt(logicalId: string, attribute: string): CfnValue {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

export function sub(text: string, variables?: Readonly<Record<string, CfnValue>>): CfnValue {
  return variables === undefined ? { 'Fn::Sub': text } : { 'Fn::Sub': [text, variables] };
}

export function join(separator: string, values: readonly CfnValue[]): CfnValue {
  return { 'Fn::Join': [separator, values] };
}

export function split(separator: string, value: CfnValue): CfnValue {
  return { 'Fn::Split': [separator, value] };
}

export function select(index: number, list: CfnValue): CfnValue {
  return { 'Fn::Select': [index, list] };
}

/**
 * `Fn::Cidr`: `count` blocks with `cidrBits` host bits each, cut from `ipBlock`. Only where the
 * block is not known when planning (an Amazon-provided IPv6 block); moto cannot evaluate it
 * (TESTBED §3.4), so everything moto must run keeps literal CIDRs.
 */
export function cidr(ipBlock: CfnValue, count: number, cidrBits: number): CfnValue {
  return { 'Fn::Cidr': [ipBlock, count, cidrBits] };
}

export function importValue(exportName: CfnValue): CfnValue {
  return { 'Fn::ImportValue': exportName };
}

export function base64(value: CfnValue): CfnValue {
  return { 'Fn::Base64': value };
}

export function findInMap(map: string, topKey: CfnValue, secondKey: string): CfnValue {
  return { 'Fn::FindInMap': [map, topKey, secondKey] };
}

/**
 * Makes literal text safe inside `Fn::Sub`: `${X}` would be read as a variable, so user text
 * (shell in preBootstrapCommands, labels) has every `${` written as `${!`, which Sub turns back
 * into a literal `${`.
 */
export function escapeSub(text: string): string {
  return text.replaceAll('${', '${!');
}

/** The `Name` tag eksctl gives every resource: `${AWS::StackName}/<LogicalId>`. */
export function nameTag(logicalId: string): CfnTag {
  return { Key: 'Name', Value: sub(`\${AWS::StackName}/${logicalId}`) };
}

/**
 * A resource's tag list: the Name tag first, then each record's tags in order (a later record
 * wins for a repeated key; `Name` cannot be overridden, since tooling finds resources by it).
 */
export function tagList(logicalId: string, ...records: readonly Readonly<Record<string, string>>[]): CfnTag[] {
  const merged = new Map<string, string>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'Name') merged.set(key, value);
    }
  }
  return [nameTag(logicalId), ...[...merged].map(([Key, Value]) => ({ Key, Value }))];
}

/** Tags as a map, for the types that take one (`AWS::EKS::Nodegroup`): same merge rules. */
export function tagMap(...records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const record of records) Object.assign(merged, record);
  return merged;
}

/** `kubernetes.io/cluster/<name>: owned`, on what the cluster owns (nodes, their groups). */
export function clusterOwnedTag(clusterName: string): Record<string, string> {
  return { [`kubernetes.io/cluster/${clusterName}`]: 'owned' };
}

/**
 * A name turned into a logical-id part: alphanumerics only, each word capitalised
 * (`my-ng_1` → `MyNg1`). Logical ids allow only `[A-Za-z0-9]`.
 */
export function logicalIdPart(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Logical ids made unique in order: a repeat of `Base` becomes `Base2`, `Base3`, … */
export function uniqueLogicalIds(bases: readonly string[]): string[] {
  const taken = new Set<string>();
  return bases.map((base) => {
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}${n}`;
    taken.add(id);
    return id;
  });
}

/**
 * A short, stable hash (FNV-1a, 32 bits, 8 hex digits): logical ids derived from a value (an
 * access entry's principal) stay the same when the user reorders the list, so CloudFormation
 * does not replace resources that did not change.
 */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).toUpperCase().padStart(8, '0');
}

/** An AWS-managed IAM policy, partition-neutral. */
export function awsManagedPolicyArn(policyName: string): CfnValue {
  return sub(`arn:\${AWS::Partition}:iam::aws:policy/${policyName}`);
}

/**
 * A user-supplied ARN. One in the plan's own partition is rewritten through `${AWS::Partition}`,
 * so the same template text works in every partition and no `arn:aws:` literal reaches a
 * template; an ARN of another partition is left as written (it is the user's to fix, and the
 * deploy will say so).
 */
export function arnValue(arn: string, partition: Partition): CfnValue {
  const prefix = `arn:${partition}:`;
  return arn.startsWith(prefix) ? sub(`arn:\${AWS::Partition}:${escapeSub(arn.slice(prefix.length))}`) : arn;
}

/** The last path segment of an IAM ARN: the role name of `arn:…:role/path/name`. */
export function iamResourceName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn.slice(arn.lastIndexOf(':') + 1) : arn.slice(slash + 1);
}
