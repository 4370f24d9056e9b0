/**
 * Day 2 under injected AWS faults (issue 11 item 5): the same faults as create and delete
 * (test/helpers/fault-proxy.ts: throttling, 5xx, unavailable, slow answers, connections reset
 * before or after the emulator acted), 30 % of requests, with the SDK's retries off
 * (AWS_MAX_ATTEMPTS=1) so that nearly every command stops half-way and only re-running it gets the
 * work done. Per seed: examples/minimal.yaml is created cleanly at 1.33, then under faults
 * `update cluster --approve` and `upgrade cluster --approve` of the edited file (the Day 2
 * scenario's edits), `scale nodegroup` and `delete nodegroup`, each re-run without faults until it
 * succeeds (at most 3 re-runs). Nothing a user must never see may be printed (a stack trace, an
 * undocumented exit code, an exit 1 that does not say what failed); the result is read back through
 * the AWS APIs; and `delete cluster` then leaves nothing.
 *
 * The emulator's updates are synchronous (test/helpers/moto/README.md), so a fault lands before or
 * after an update call, never while EKS is still applying one.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { useMoto } from '../helpers/emulator-suite.js';
import { runCliCaptured } from '../helpers/cli.js';
import { writeDay2Files } from '../helpers/day2-files.js';
import { failureLinesOf, outputProblems, startFaultyEmulator } from '../helpers/fault-runs.js';
import { emulatorClientConfig, leftovers, takeInventory } from '../helpers/moto/inventory.js';
import type { MotoServer } from '../helpers/moto.js';

const CLUSTER = 'day2-faults';
const RATE = 0.3;
const MAX_RERUNS = 3;

let moto: MotoServer;
let eks: EKSClient;

useMoto((started, client) => {
  moto = started;
  eks = client(EKSClient);
});

interface CommandRecord {
  readonly command: string;
  /** Exit code of the faulted run, then of each clean re-run. */
  readonly codes: number[];
}

describe('update, upgrade, scale and delete nodegroup with 30% of requests faulted, SDK retries off', () => {
  it.each([1, 2])(
    'seed %i: every command stops or finishes, re-runs converge, the read-back matches, delete leaves nothing',
    { timeout: 600_000 },
    async (seed) => {
      await moto.reset();
      const direct = emulatorClientConfig(moto.endpoint);
      const before = await takeInventory(direct);
      const work = mkdtempSync(path.join(os.tmpdir(), 'pe-day2-faults-'));
      const files = writeDay2Files(work, CLUSTER);
      const cleanEnv = { ...moto.env, KUBECONFIG: path.join(work, 'kubeconfig') };
      const created = await runCliCaptured(['create', 'cluster', '-f', files.original], { env: cleanEnv });
      expect(created.code, created.stderr).toBe(0);

      const commands: string[][] = [
        ['update', 'cluster', '-f', files.edited, '--approve'],
        ['upgrade', 'cluster', '-f', files.edited, '--approve'],
        ['scale', 'nodegroup', '--cluster', CLUSTER, '--name', 'm1', '--nodes', '3', '--nodes-min', '1'],
        ['delete', 'nodegroup', '--cluster', CLUSTER, '--name', 'm2'],
      ];
      const records: CommandRecord[] = [];
      const badOutput: string[] = [];
      const failures: string[] = [];
      const faulty = await startFaultyEmulator(moto, { rate: RATE, seed, slowMs: 250 }, { AWS_MAX_ATTEMPTS: '1' });
      try {
        const env = { ...faulty.env, KUBECONFIG: cleanEnv.KUBECONFIG };
        for (const args of commands) {
          const record: CommandRecord = { command: args.slice(0, 2).join(' '), codes: [] };
          records.push(record);
          faulty.proxy.setRate(RATE);
          for (let attempt = 0; attempt <= MAX_RERUNS && record.codes.at(-1) !== 0; attempt += 1) {
            const run = await runCliCaptured(args, { env });
            record.codes.push(run.code);
            badOutput.push(...outputProblems(`seed ${seed} ${record.command} run ${attempt + 1}`, run, [0, 1]));
            failures.push(...failureLinesOf(run));
            faulty.proxy.setRate(0);
          }
        }
      } finally {
        await faulty.close();
      }
      const faulted = faulty.proxy.records.filter((r) => r.fault !== null).length;
      console.info(
        `[day2 faults] seed ${seed}: ${records.map((r) => `${r.command} exits ${r.codes.join(',')}`).join('; ')}; ` +
          `${faulted} of ${faulty.proxy.records.length} requests faulted`,
      );
      expect(badOutput).toEqual([]);
      for (const record of records) expect(record.codes.at(-1), `${record.command}\n${failures.join('\n')}`).toBe(0);
      // At least one command stopped under the faults and was finished by its re-run.
      expect(records.some((r) => r.codes.length > 1)).toBe(true);

      // Read back: the edited file's version and logging, m1 at 3, m2 gone.
      const cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
      expect(cluster?.version).toBe('1.34');
      const logging = (cluster?.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []);
      expect([...logging].sort()).toEqual(['api', 'audit']);
      expect((await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER }))).nodegroups).toEqual(['m1']);
      const m1 = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName: 'm1' })))
        .nodegroup;
      expect(m1?.version).toBe('1.34');
      expect(m1?.scalingConfig?.desiredSize).toBe(3);

      const deleted = await runCliCaptured(['delete', 'cluster', '-f', files.edited], { env: cleanEnv });
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(leftovers(before, await takeInventory(direct))).toEqual({});
    },
  );
});
