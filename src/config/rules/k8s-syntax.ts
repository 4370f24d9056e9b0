/**
 * Kubernetes syntax of label and taint keys and values, as the API server and the kubelet check
 * them (k8s.io/apimachinery's IsQualifiedName and IsValidLabelValue, whose messages eksctl passes
 * on), and the label prefixes the kubelet refuses to set on its own node.
 */

const NAME_CHARS = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME = 63;
const MAX_PREFIX = 253;

const NAME_FORMAT =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const QUALIFIED_FORMAT =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const PREFIX_FORMAT =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const VALUE_FORMAT =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** What is wrong with a label or taint key (empty: nothing), in Kubernetes' words. */
export function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = key;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else if (prefix.length > MAX_PREFIX) errors.push(`prefix part must be no more than ${MAX_PREFIX} characters`);
    else if (!DNS_SUBDOMAIN.test(prefix)) errors.push(PREFIX_FORMAT);
  } else {
    return [QUALIFIED_FORMAT];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > MAX_NAME) errors.push(`name part must be no more than ${MAX_NAME} characters`);
  else if (!NAME_CHARS.test(name)) errors.push(NAME_FORMAT);
  return errors;
}

/** What is wrong with a label (or taint) value, in Kubernetes' words. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > MAX_NAME) errors.push(`must be no more than ${MAX_NAME} characters`);
  if (value !== '' && !NAME_CHARS.test(value)) errors.push(VALUE_FORMAT);
  return errors;
}

/** Go's `%v` of a list of strings, as eksctl prints it. */
export function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/** Labels the kubelet may set on its own node although they are under kubernetes.io (k8s.io/kubelet). */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
]);
const KUBELET_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];
const RESERVED_NAMESPACES = ['kubernetes.io', 'k8s.io'];

const inNamespace = (namespace: string, domain: string) => namespace === domain || namespace.endsWith('.' + domain);

/** A label under kubernetes.io or k8s.io that the kubelet may not set (eksctl refuses it). */
export function isReservedNodeLabel(key: string): boolean {
  const parts = key.split('/');
  if (parts.length !== 2) return false;
  const namespace = parts[0]!;
  if (!RESERVED_NAMESPACES.some((d) => inNamespace(namespace, d))) return false;
  if (KUBELET_LABELS.has(key)) return false;
  return !KUBELET_NAMESPACES.some((d) => inNamespace(namespace, d));
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** eksctl's (Kubernetes') message for a taint effect it does not know. */
export function invalidTaintEffect(effect: string): string {
  return `invalid taint effect: ${effect}, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule`;
}
