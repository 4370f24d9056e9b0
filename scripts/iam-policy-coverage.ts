/**
 * Checks AWS call logs (written when PRIVATE_EKS_AWS_CALL_LOG names a file; the integration
 * suite does this itself, into .artifacts/aws-calls/) against the IAM policy of
 * `utils iam-policy`. Exit 1 when a recorded call is not allowed.
 *   npx tsx scripts/iam-policy-coverage.ts .artifacts/aws-calls/*.jsonl
 */
import { readFileSync } from 'node:fs';
import { checkPolicyCoverage, parseCallLog } from '../src/iam-policy/coverage.js';
import { describeCoverage } from '../test/helpers/aws-call-log.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx scripts/iam-policy-coverage.ts LOG.jsonl…');
  process.exit(2);
}
const coverage = checkPolicyCoverage(files.flatMap((file) => parseCallLog(readFileSync(file, 'utf8'))));
console.info(describeCoverage(coverage, files.join(' ')));
process.exitCode = coverage.uncovered.length === 0 ? 0 : 1;
