/**
 * `doctor`'s library API: run every pre-flight check, or one, and render the report.
 */
export { runDoctor, runCheck, DOCTOR_CHECKS } from './run.js';
export { createDoctorContext, type DoctorOptions } from './context.js';
export { renderDoctorText, doctorJson } from './render.js';
export { credentialsCheck, regionCheck, eksApiCheck } from './checks/account.js';
export { endpointServicesCheck, vpcCheck, vpcEndpointsCheck, routeOf } from './checks/network.js';
export { proxyCheck, oidcTlsCheck, clusterEndpointCheck } from './checks/connectivity.js';
export type * from './types.js';
