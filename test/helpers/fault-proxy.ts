/**
 * A fault-injecting reverse proxy for tests only: the SDK is pointed at it (AWS_ENDPOINT_URL) and
 * it forwards to the AWS emulator, except that at a set rate it answers the way AWS does when it
 * misbehaves — throttling errors in each protocol's real shape, 500/503, slow answers, and
 * connections reset before or after the request reached the emulator.
 *
 * "Reset after" is the nasty one: the emulator has carried the call out but the client never
 * hears so, and a retry meets the result of its own first attempt (AlreadyExists for a stack
 * created without a ClientRequestToken). That is what idempotency tokens are for.
 *
 * Error shapes (which protocol each of our services speaks, from the SDK clients' protocol
 * settings; bodies as AWS sends them, cf. the CloudFormation throttling response quoted in
 * ansible/ansible-modules-core#224 and the EC2 API reference "Error codes" page):
 * - awsQuery (CloudFormation, IAM, STS, AutoScaling, Elastic Load Balancing v2): HTTP 400
 *   `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId/></ErrorResponse>`
 * - ec2Query (EC2): HTTP 503 `<Response><Errors><Error><Code>RequestLimitExceeded</Code>…</Errors><RequestID/></Response>`
 * - restJson1 (EKS): HTTP 429, header `x-amzn-ErrorType: ThrottlingException`, body `{"message":"Rate exceeded"}`
 * - awsJson1.x (anything else): HTTP 400 `{"__type":"ThrottlingException","message":"Rate exceeded"}`
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export type FaultKind = 'throttle' | 'server-error' | 'unavailable' | 'slow' | 'reset-before' | 'reset-after';

export interface FaultProxyOptions {
  /** Where the emulator listens, e.g. http://127.0.0.1:5000. */
  readonly upstream: string;
  /** Probability (0..1) that a request gets a fault. */
  readonly rate: number;
  /** Which faults to draw from, uniformly. Default: all. */
  readonly kinds?: readonly FaultKind[];
  /** Seed of the deterministic generator, so a failing run can be replayed. */
  readonly seed?: number;
  /** Delay of a `slow` answer. Default 1500 ms. */
  readonly slowMs?: number;
  /** Never fault these (the emulator's own API, e.g. `/moto-api`). */
  readonly passThroughPathPrefixes?: readonly string[];
  /**
   * Fault only these operations (`CreateStack`, or `eks:GET /clusters/x` for REST APIs, as in
   * FaultRecord.operation); default: every operation. For a test that aims at one call.
   */
  readonly operations?: readonly string[];
  /** Stop injecting after this many faults (e.g. 1: only the first attempt of the aimed call). */
  readonly maxFaults?: number;
}

export interface FaultRecord {
  readonly service: string;
  readonly operation: string;
  readonly fault: FaultKind | null;
}

export interface FaultProxy {
  readonly endpoint: string;
  /** Every request seen, in order. */
  readonly records: readonly FaultRecord[];
  /** Change the rate while running (e.g. 0 for a clean re-run). */
  setRate(rate: number): void;
  close(): Promise<void>;
}

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'unavailable',
  'slow',
  'reset-before',
  'reset-after',
];

/** mulberry32: small, fast, deterministic; quality is ample for choosing faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Protocol = 'awsQuery' | 'ec2Query' | 'restJson1' | 'awsJson';

/** The signing name in the SigV4 credential scope says which service a request is for. */
export function serviceOf(authorization: string | undefined): string {
  const match = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return match?.[1] ?? 'unknown';
}

function protocolOf(service: string): Protocol {
  if (service === 'ec2') return 'ec2Query';
  const query = ['cloudformation', 'iam', 'sts', 'autoscaling', 'elasticloadbalancing'];
  if (query.includes(service)) return 'awsQuery';
  if (service === 'eks') return 'restJson1';
  return 'awsJson';
}

function operationOf(service: string, method: string, url: string, body: string): string {
  const action = /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
  if (action !== undefined) return action;
  return `${service}:${method} ${url.split('?')[0] ?? url}`;
}

interface ErrorAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The error AWS would send for `code` in this protocol. */
export function awsErrorAnswer(protocol: Protocol, code: string, message: string, status: number): ErrorAnswer {
  const requestId = randomUUID();
  switch (protocol) {
    case 'awsQuery':
      return {
        status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body:
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error>` +
          `<Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message>` +
          `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'ec2Query':
      return {
        status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code>` +
          `<Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'restJson1':
      return {
        status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
        body: JSON.stringify({ message }),
      };
    case 'awsJson':
      return {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: code, message }),
      };
  }
}

function faultAnswer(kind: 'throttle' | 'server-error' | 'unavailable', protocol: Protocol): ErrorAnswer {
  if (kind === 'throttle') {
    if (protocol === 'ec2Query')
      return awsErrorAnswer(protocol, 'RequestLimitExceeded', 'Request limit exceeded.', 503);
    if (protocol === 'restJson1') return awsErrorAnswer(protocol, 'ThrottlingException', 'Rate exceeded', 429);
    if (protocol === 'awsJson') return awsErrorAnswer(protocol, 'ThrottlingException', 'Rate exceeded', 400);
    return awsErrorAnswer(protocol, 'Throttling', 'Rate exceeded', 400);
  }
  if (kind === 'server-error') {
    const code = protocol === 'ec2Query' ? 'InternalError' : 'InternalFailure';
    return awsErrorAnswer(protocol, code, 'We encountered an internal error. Please try again.', 500);
  }
  return awsErrorAnswer(protocol, 'ServiceUnavailable', 'Service is unable to handle request.', 503);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const random = seededRandom(options.seed ?? 1);
  const kinds = options.kinds ?? ALL_FAULT_KINDS;
  const passThrough = options.passThroughPathPrefixes ?? ['/moto-api'];
  const records: FaultRecord[] = [];
  let rate = options.rate;
  let faults = 0;

  const forward = (req: http.IncomingMessage, body: Buffer, onResponse: (res: http.IncomingMessage) => void) => {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      onResponse,
    );
    outgoing.on('error', () => req.socket.destroy());
    outgoing.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      const service = serviceOf(req.headers.authorization);
      const operation = operationOf(service, req.method ?? 'GET', url, body.toString('utf8'));
      const exempt =
        passThrough.some((p) => url.startsWith(p)) ||
        (options.operations !== undefined && !options.operations.includes(operation));
      // Draw both numbers for every request so the fault sequence depends only on the seed and
      // the request count, not on which kinds were drawn before.
      const roll = random();
      const pick = random();
      const spent = options.maxFaults !== undefined && faults >= options.maxFaults;
      const fault: FaultKind | null =
        !exempt && !spent && roll < rate ? (kinds[Math.floor(pick * kinds.length)] ?? kinds[0] ?? null) : null;
      if (fault !== null) faults += 1;
      records.push({ service, operation, fault });

      const relay = (upstreamRes: http.IncomingMessage) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      };
      switch (fault) {
        case null:
          forward(req, body, relay);
          return;
        case 'throttle':
        case 'server-error':
        case 'unavailable': {
          const answer = faultAnswer(fault, protocolOf(service));
          res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
          res.end(answer.body);
          return;
        }
        case 'slow':
          setTimeout(() => forward(req, body, relay), options.slowMs ?? 1500);
          return;
        case 'reset-before':
          req.socket.destroy();
          return;
        case 'reset-after':
          forward(req, body, (upstreamRes) => {
            upstreamRes.resume();
            upstreamRes.on('end', () => req.socket.destroy());
          });
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    records,
    setRate: (r) => {
      rate = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
