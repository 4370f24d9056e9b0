/**
 * A bearer token for the EKS API server, made as `aws eks get-token` makes it: a presigned STS
 * GetCallerIdentity URL (valid 60 s, with the cluster name in the signed `x-k8s-aws-id` header),
 * base64url-encoded without padding and prefixed `k8s-aws-v1.`. The API server's authenticator
 * calls that URL and maps the identity it gets back (aws-iam-authenticator's token format;
 * kubernetes-sigs/aws-iam-authenticator pkg/token/token.go).
 *
 * Signed with the STS client's own credentials provider and hash, so the token is for exactly the
 * identity private-eks runs as.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Partition } from '../plan/types.js';

const TOKEN_PREFIX = 'k8s-aws-v1.';
/** aws-iam-authenticator refuses URLs valid for more than 15 minutes; the CLI uses 60 s. */
const EXPIRES_IN_SECONDS = 60;

/** The DNS suffix of each partition's regional STS endpoint. */
const STS_DNS_SUFFIX: Readonly<Record<Partition, string>> = {
  aws: 'amazonaws.com',
  'aws-us-gov': 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
};

export interface TokenRequest {
  readonly cluster: string;
  readonly region: string;
  readonly partition: Partition;
  /** The signing time; default now. */
  readonly signingDate?: Date;
}

export async function eksToken(sts: STSClient, request: TokenRequest): Promise<string> {
  const hostname = `sts.${request.region}.${STS_DNS_SUFFIX[request.partition]}`;
  const signer = new SignatureV4({
    credentials: sts.config.credentials,
    region: request.region,
    service: 'sts',
    sha256: sts.config.sha256,
  });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, 'x-k8s-aws-id': request.cluster },
    },
    {
      expiresIn: EXPIRES_IN_SECONDS,
      ...(request.signingDate === undefined ? {} : { signingDate: request.signingDate }),
    },
  );
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v]) : [[key, value ?? '']]))
    .map(([key, value]) => `${encodeURIComponent(String(key))}=${encodeURIComponent(String(value))}`)
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** The presigned URL inside a token (for tests; never log it: it may carry a session token). */
export function tokenUrl(token: string): URL {
  return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
}
