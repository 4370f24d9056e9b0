/**
 * Getting a config file's bytes for the CLI: from a path, or from stdin for `-f -`. Reads at most
 * one byte more than the size limit, so that an oversized file is refused (text.ts) without being
 * read whole — which also makes endless inputs (`-f /dev/zero`, `-f <(yes)`) safe. A file that
 * cannot be opened is a usage error (exit 2); everything about its contents is a Problem, found
 * by loadConfig.
 *
 * Besides regular files: `/dev/stdin` and `/dev/fd/0` are stdin (the stream the CLI was given,
 * as `-`), and pipes, FIFOs (`mkfifo`), process substitution (`-f <(sops -d c.yaml)`, a
 * `/dev/fd/N` pipe) and character devices are read as streams — a decrypted config need never
 * touch the disk. Directories and block devices are refused.
 *
 * A regular file is read with the synchronous calls: a config is small, and node:fs/promises would
 * load a dozen more of Node's modules (streams, readline, watchers) at every start. Everything else
 * is opened and read asynchronously, as a FIFO's open waits for its writer.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_CONFIG_BYTES } from './text.js';

export interface ConfigInput {
  /** The name to show in problems: the path as given, or `-` for stdin. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

const LIMIT = MAX_CONFIG_BYTES + 1;

const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= LIMIT) break;
  }
  return Buffer.concat(chunks).subarray(0, LIMIT);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function cannotOpen(file: string, error: unknown): UsageError {
  const code = errorCode(error);
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : `cannot open it (${code ?? 'error'})`;
  return new UsageError(`config file ${JSON.stringify(file)}: ${reason}`, {
    hint: 'pass the path of an eksctl ClusterConfig file with -f, or -f - to read it from stdin',
    cause: error,
  });
}

/** A regular file of known size, read whole (up to the limit) with the synchronous calls. */
function readRegularFile(file: string, resolved: string, size: number): ConfigInput {
  let fd: number;
  try {
    fd = openSync(resolved, 'r');
  } catch (error) {
    throw cannotOpen(file, error);
  }
  try {
    const buffer = Buffer.alloc(Math.min(LIMIT, size + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { file, bytes: buffer.subarray(0, filled) };
  } finally {
    closeSync(fd);
  }
}

/** Reads `file` (relative to `cwd`), or `stdin` when `file` is `-`. */
export async function readConfigInput(
  file: string,
  io: { readonly stdin: NodeJS.ReadableStream; readonly cwd: string },
): Promise<ConfigInput> {
  if (file === '-') return { file, bytes: await readStream(io.stdin) };
  if (STDIN_PATHS.has(file)) return { file, bytes: await readStream(io.stdin) };
  const resolved = path.resolve(io.cwd, file);
  let size: number | undefined;
  try {
    const stat = statSync(resolved);
    // A regular file reporting size 0 may still have content (/proc): read as a stream below.
    if (stat.isFile() && stat.size > 0) size = stat.size;
  } catch {
    // Reported by the open below, in its words.
  }
  if (size !== undefined) return readRegularFile(file, resolved, size);
  const { open } = await import('node:fs/promises');
  let handle;
  try {
    handle = await open(resolved, 'r');
  } catch (error) {
    throw cannotOpen(file, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket()) {
      return { file, bytes: await readStream(handle.createReadStream({ autoClose: false })) };
    }
    if (!stat.isFile()) {
      throw new UsageError(
        `config file ${JSON.stringify(file)} is ${stat.isDirectory() ? 'a directory' : 'not a file, pipe or character device'}`,
        { hint: 'pass the path of an eksctl ClusterConfig file with -f, or -f - to read it from stdin' },
      );
    }
    const buffer = Buffer.alloc(Math.min(LIMIT, Math.max(stat.size, 0) + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file reporting size 0 may still have content (/proc, pipes): fall back to reading the stream.
    if (stat.size === 0 && filled > 0) return { file, bytes: await readStream(handle.createReadStream({ start: 0 })) };
    return { file, bytes: buffer.subarray(0, filled) };
  } finally {
    await handle.close();
  }
}
