/**
 * SDK client settings for unit tests that script calls with aws-sdk-client-mock: a call no test
 * scripted goes to a closed loopback port with dummy credentials, so it fails at once and never
 * reaches AWS, whatever the developer's shell has configured.
 */
export function unitClientConfig(region = 'us-west-2') {
  return {
    region,
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'unit-test', secretAccessKey: 'unit-test' },
    maxAttempts: 1,
  };
}
