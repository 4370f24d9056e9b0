/**
 * The library API of private-eks; the CLI (src/cli) is built on it. Re-exports only, one line
 * per layer in the order data flows: config → plan → templates → deploy, with aws (clients,
 * proxies) and doctor beside them.
 */
export * from './errors.js';
export * from './config/index.js';
export * from './plan/index.js';
export * from './templates/index.js';
export * from './aws/index.js';
export * from './deploy/index.js';
export * from './doctor/index.js';
export { VERSION } from './version.js';
