/**
 * Runs the doctor's checks: credentials first (without them every AWS check would fail the same
 * way, so those are skipped and the credentials failure stands alone), then the rest together —
 * they share memoised lookups, so the plan and DescribeCluster are made once.
 */
import { redactProxySecrets } from '../aws/redact.js';
import { PrivateEksError } from '../errors.js';
import { credentialsCheck, eksApiCheck, regionCheck } from './checks/account.js';
import { clusterVerifyCheck } from './checks/cluster.js';
import { clusterEndpointCheck, oidcTlsCheck, proxyCheck } from './checks/connectivity.js';
import { endpointServicesCheck, vpcCheck, vpcEndpointsCheck } from './checks/network.js';
import { createDoctorContext, type DoctorOptions } from './context.js';
import type { CheckOutcome, CheckResult, CheckStatus, DoctorCheck, DoctorContext, DoctorReport } from './types.js';

/** In the order they are shown. */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  credentialsCheck,
  regionCheck,
  proxyCheck,
  eksApiCheck,
  endpointServicesCheck,
  vpcCheck,
  vpcEndpointsCheck,
  oidcTlsCheck,
  clusterEndpointCheck,
  clusterVerifyCheck,
];

/** Runs one check; an unexpected error becomes its failure instead of stopping the others. */
export async function runCheck(check: DoctorCheck, context: DoctorContext): Promise<CheckResult> {
  let outcome: CheckOutcome;
  try {
    outcome = await check.run(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = {
      status: 'fail',
      detail: `the check itself failed: ${message}`,
      ...(PrivateEksError.isPrivateEksError(error) && error.hint !== undefined ? { fix: error.hint } : {}),
    };
  }
  // Every check's words pass through the redactor: a library error may echo a proxy URL.
  const scrub = (text: string): string => redactProxySecrets(text, context.env);
  return {
    id: check.id,
    title: check.title,
    ...outcome,
    detail: scrub(outcome.detail),
    ...(outcome.fix === undefined ? {} : { fix: scrub(outcome.fix) }),
  };
}

/** Runs the pre-flight checks (credentials, region, endpoint services per zone, supplied VPC, proxies, OIDC TLS interception, API server reachability) and returns the report; checks after a blocking failure are skipped. */
export async function runDoctor(
  options: DoctorOptions,
  checks: readonly DoctorCheck[] = DOCTOR_CHECKS,
): Promise<DoctorReport> {
  const context = createDoctorContext(options);
  const results = new Map<DoctorCheck, CheckResult>();
  const credentials = checks.find((c) => c.id === 'credentials');
  if (credentials !== undefined) results.set(credentials, await runCheck(credentials, context));
  const noCredentials = credentials !== undefined && results.get(credentials)?.status === 'fail';

  const rest = checks.filter((c) => c !== credentials);
  const done = await Promise.all(
    rest.map((check) => {
      if (check.needsConfig && context.config === null) {
        return Promise.resolve(skipped(check, 'the config file has errors (listed above)'));
      }
      if (check.needsAws && noCredentials)
        return Promise.resolve(skipped(check, 'no usable AWS credentials (see credentials)'));
      return runCheck(check, context);
    }),
  );
  rest.forEach((check, i) => {
    const result = done[i];
    if (result !== undefined) results.set(check, result);
  });

  const ordered = checks.flatMap((c) => {
    const result = results.get(c);
    return result === undefined ? [] : [result];
  });
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const result of ordered) summary[result.status] += 1;
  return {
    cluster: options.config?.metadata.name ?? null,
    region: options.region,
    checks: ordered,
    summary,
    ok: summary.fail === 0,
  };
}

function skipped(check: DoctorCheck, why: string): CheckResult {
  return { id: check.id, title: check.title, status: 'skip', detail: `skipped: ${why}` };
}
