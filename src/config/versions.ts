/**
 * The Kubernetes versions private-eks knows EKS offers (standard and extended support), oldest
 * first. One place to update when EKS releases a version; `metadata.version` defaults to the last.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34'];

/** SPEC §4: the newest version private-eks knows. */
export const DEFAULT_KUBERNETES_VERSION: string = SUPPORTED_KUBERNETES_VERSIONS.at(-1)!;
