/**
 * From the bytes of a config file to text: size limit, binary files and invalid UTF-8 are refused
 * with a position, before the YAML parser sees anything (SPEC §2).
 */

/**
 * Files larger than this are refused (SPEC §2). A ClusterConfig is a few kilobytes; 200
 * nodegroups in 6 zones are 34 KB. The limit bounds the time and memory any file can take (the
 * YAML parser alone needs about a second of CPU per MiB): every answer, however broken the file, comes
 * in well under a second.
 */
export const MAX_CONFIG_BYTES = 128 * 1024;

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, so continuation bytes of the line's earlier characters do not count.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
  return { line, column };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return undefined;
}

function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const sizeMessage = (size: number) =>
  `the file is ${size} bytes; private-eks reads config files of at most 128 KiB (${MAX_CONFIG_BYTES} bytes)`;

/** Decodes `input`, refusing what cannot be a config file; a leading byte-order mark is dropped. */
export function decodeConfigText(input: string | Uint8Array): DecodeResult {
  if (typeof input === 'string') {
    const size = byteLength(input);
    if (size > MAX_CONFIG_BYTES) return { ok: false, line: 1, column: 1, message: sizeMessage(size) };
    const nul = input.indexOf('\0');
    if (nul >= 0) {
      const before = input.slice(0, nul);
      const line = before.split('\n').length;
      const column = nul - before.lastIndexOf('\n');
      return { ok: false, line, column, message: `the file is binary (a NUL character at line ${line}), not YAML` };
    }
    return { ok: true, text: input.startsWith('\uFEFF') ? input.slice(1) : input };
  }
  if (input.length > MAX_CONFIG_BYTES) return { ok: false, line: 1, column: 1, message: sizeMessage(input.length) };
  const nul = input.indexOf(0);
  if (nul >= 0) {
    const at = lineAndColumn(input, nul);
    return { ok: false, ...at, message: `the file is binary (a NUL byte at line ${at.line}), not YAML` };
  }
  const invalid = firstInvalidUtf8(input);
  if (invalid !== undefined) {
    const at = lineAndColumn(input, invalid);
    const byte = input[invalid]!.toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, ...at, message: `the file is not UTF-8 text (byte 0x${byte} at line ${at.line})` };
  }
  // TextDecoder drops a leading byte-order mark, so positions count from the first visible character.
  return { ok: true, text: new TextDecoder('utf-8').decode(input) };
}
