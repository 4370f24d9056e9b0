import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EC2Client, DescribeVpcsCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { startMoto, type MotoServer } from '../helpers/moto.js';

describe('moto harness', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('answers on loopback and resets', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ec2 = new EC2Client({
      region: 'us-west-2',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBe(2);
    await moto.reset();
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBe(1);
  });
});
