/**
 * stdout and stderr without Node's stream objects where none is needed. Node builds
 * process.stdout and process.stderr on first use, and for a file, a pipe or /dev/null that loads
 * its stream modules (and net for a pipe): about 4 ms of a `validate` that then writes one line.
 * When the descriptor is not a terminal, a command's text is written to it with writeSync, as
 * Node's own stream for a file does.
 *
 * The object behaves as the stream it stands for: anything other than write, isTTY and columns
 * (an event listener, end, readline) builds the real stream, and every write after that goes
 * through it, so the order of the output is kept. When the reader of a pipe has gone
 * (`private-eks plan … | head -1`: EPIPE), the rest of the output is dropped, as `yes | head`
 * does, instead of a stack trace. Any other write the descriptor refuses (EAGAIN from a
 * non-blocking pipe) is handed to the real stream. A terminal, Windows, or a descriptor that
 * cannot be inspected gets the real stream from the start.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

type WriteCallback = (error?: Error | null) => void;

/** What the writer does to a descriptor: fs.writeSync, replaced in tests. */
export type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/** Whether `fd` is certainly not a terminal: a regular file, a pipe, a socket, or /dev/null. */
export function isPlainDescriptor(fd: number, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() || stat.isFIFO() || stat.isSocket()) return true;
    // A terminal is a character device; so is /dev/null, which is common enough (`>/dev/null 2>&1`
    // in scripts) to be worth telling apart.
    return stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/**
 * The output stream for `fd`: the real one (`real`, called at most once) on a terminal, else a
 * writer that writes to the descriptor and builds the real stream only when asked for more.
 */
export function descriptorOutput(
  fd: number,
  real: () => OutputStream,
  options: { plain?: boolean; writeSync?: WriteSync } = {},
): OutputStream {
  if (!(options.plain ?? isPlainDescriptor(fd))) return real();
  const write = options.writeSync ?? ((d, b, o, l) => writeSync(d, b, o, l));
  let stream: OutputStream | undefined;
  let readerGone = false;
  const realStream = (): OutputStream => (stream ??= real());

  const writer = {
    isTTY: false,
    columns: undefined,
    write(chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
      const done = typeof encoding === 'function' ? encoding : callback;
      if (stream !== undefined) return stream.write(chunk, done);
      if (readerGone) return true;
      const bytes =
        typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
      let written = 0;
      try {
        while (written < bytes.length) written += write(fd, bytes, written, bytes.length - written);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EPIPE') {
          readerGone = true;
          return true;
        }
        return realStream().write(bytes.subarray(written), done);
      }
      if (done !== undefined) process.nextTick(done);
      return true;
    },
  };
  return new Proxy(writer, {
    get(target, property, receiver): unknown {
      if (Reflect.has(target, property) && stream === undefined)
        return Reflect.get(target, property, receiver) as unknown;
      // write itself hands over to the real stream once there is one.
      if (property === 'write') return writer.write.bind(writer);
      const value: unknown = Reflect.get(realStream(), property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(realStream()) : value;
    },
    has(target, property) {
      return Reflect.has(target, property) || Reflect.has(realStream(), property);
    },
  }) as unknown as OutputStream;
}
