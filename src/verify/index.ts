/** Verification through the AWS APIs: the endpoint layout and a cluster's state (create, get, doctor). */
export { verifyCluster, type VerifyClusterRequest } from './cluster.js';
export { verifyEndpointLayout, type LayoutInput } from './layout.js';
export { failureLines, type VerifyCheckId, type VerifyFinding, type VerifyReport } from './types.js';
export { needsUserEndpointLayout, verifyUserEndpointLayout } from './preflight.js';
