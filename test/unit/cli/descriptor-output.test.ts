/**
 * The stdout/stderr writer that skips Node's stream objects where the descriptor is not a
 * terminal: real descriptors (a temporary file, /dev/null, /dev/zero) for what it writes and how
 * it tells a terminal from the rest; a stand-in "real stream" (a Writable collecting chunks) for
 * the hand-over, and a replaced writeSync only to make a descriptor refuse a write.
 */
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { descriptorOutput, isPlainDescriptor, type OutputStream } from '../../../src/cli/descriptor-output.js';

const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
});

function tempFile(): { fd: number; file: string } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pe-fd-out-')), 'out.txt');
  const fd = openSync(file, 'w');
  opened.push(fd);
  return { fd, file };
}

/** A stand-in for process.stdout: a Writable collecting what it is given, and how often it was built. */
function realStream(): { factory: () => OutputStream; chunks: string[]; built: () => number } {
  const chunks: string[] = [];
  let builds = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    factory: () => {
      builds += 1;
      return stream;
    },
    chunks,
    built: () => builds,
  };
}

describe('isPlainDescriptor', () => {
  it('a regular file and /dev/null are plain; /dev/zero, a character device like a terminal, is not', () => {
    const { fd } = tempFile();
    expect(isPlainDescriptor(fd)).toBe(true);
    const devNull = openSync('/dev/null', 'w');
    opened.push(devNull);
    expect(isPlainDescriptor(devNull)).toBe(true);
    const devZero = openSync('/dev/zero', 'r');
    opened.push(devZero);
    expect(isPlainDescriptor(devZero)).toBe(false);
  });

  it('nothing is plain on Windows, nor a descriptor that is not open', () => {
    const { fd } = tempFile();
    expect(isPlainDescriptor(fd, 'win32')).toBe(false);
    expect(isPlainDescriptor(987_654)).toBe(false);
  });
});

describe('descriptorOutput', () => {
  it('writes text and bytes to the descriptor in order, without building the real stream', () => {
    const { fd, file } = tempFile();
    const real = realStream();
    const out = descriptorOutput(fd, real.factory);
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBeUndefined();
    expect(out.write('héllo ')).toBe(true);
    out.write(Buffer.from('wörld\n', 'utf8'));
    out.write('6c6174696e0a', 'hex');
    expect(readFileSync(file, 'utf8')).toBe('héllo wörld\nlatin\n');
    expect(real.built()).toBe(0);
  });

  it('calls a write callback after the write, as a stream does', async () => {
    const { fd } = tempFile();
    const real = realStream();
    const out = descriptorOutput(fd, real.factory);
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      out.write('x', () => {
        order.push('callback');
        resolve();
      });
      order.push('returned');
    });
    expect(order).toEqual(['returned', 'callback']);
  });

  it('anything but write, isTTY and columns builds the real stream, and later writes go through it', () => {
    const { fd, file } = tempFile();
    const real = realStream();
    const out = descriptorOutput(fd, real.factory);
    out.write('first\n');
    expect(typeof out.on).toBe('function');
    expect(real.built()).toBe(1);
    out.write('second\n');
    out.once('finish', () => undefined);
    expect(real.built()).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(real.chunks).toEqual(['second\n']);
  });

  it('a write the descriptor refuses (EAGAIN) goes to the real stream from where it stopped', () => {
    const real = realStream();
    const written: string[] = [];
    let calls = 0;
    const out = descriptorOutput(9, real.factory, {
      plain: true,
      writeSync: (_fd, buffer, offset) => {
        calls += 1;
        if (calls === 1) {
          written.push(Buffer.from(buffer.subarray(offset, offset + 3)).toString());
          return 3;
        }
        throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
      },
    });
    out.write('abcdef');
    out.write('ghi');
    expect(written).toEqual(['abc']);
    expect(real.chunks).toEqual(['def', 'ghi']);
  });

  it('once the reader has gone (EPIPE), the rest is dropped: no error, no real stream', () => {
    const real = realStream();
    let calls = 0;
    const out = descriptorOutput(9, real.factory, {
      plain: true,
      writeSync: () => {
        calls += 1;
        throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
      },
    });
    expect(out.write('one\n')).toBe(true);
    expect(out.write('two\n')).toBe(true);
    expect(calls).toBe(1);
    expect(real.built()).toBe(0);
  });

  it('a descriptor that may be a terminal gets the real stream itself', () => {
    const real = realStream();
    const devZero = openSync('/dev/zero', 'r');
    opened.push(devZero);
    const out = descriptorOutput(devZero, real.factory);
    expect(real.built()).toBe(1);
    expect(out).toBeInstanceOf(Writable);
  });
});
