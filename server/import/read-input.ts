// Reads an import file (a path, bytes or a byte stream) into text. gzip is recognised by
// its magic bytes, not the file name, because uploads arrive without one. Junk is refused
// from its first 64 KB, so a 200 MB mistake fails in milliseconds and never reaches SQLite.
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fail, ok, type Result } from '../../geo/types';

export type InputSource = { path: string } | { bytes: Uint8Array } | { stream: Readable | ReadableStream<Uint8Array> };

/**
 * Why a file could not be imported. `unreadable_file`: not the text we expect at all
 * (empty, binary, corrupt gzip); `import_refused`: readable, but its content is wrong;
 * `too_large`: over the size limit.
 */
export interface FileProblem {
  code: 'unreadable_file' | 'import_refused' | 'too_large';
  message: string;
}

export const unreadable = (message: string): FileProblem => ({ code: 'unreadable_file', message });
export const refused = (message: string): FileProblem => ({ code: 'import_refused', message });

export interface InputText {
  text: string;
  /** sha256 of the bytes as given (compressed, when gzipped), hex. */
  sha256: string;
  byteLength: number;
  gzipped: boolean;
  /** How the bytes were decoded: UTF-8, or Windows-1252 for an importer that accepts it (`acceptWindows1252`). */
  encoding: TextEncodingName;
}

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * Looks at the start of the text (up to HEAD_CHARS) and says whether it is worth reading the
 * rest, e.g. that the first line is a header the importer recognises. `complete` is true
 * when the head is the whole text.
 */
export type HeadCheck = (head: string, complete: boolean) => Result<void, FileProblem>;

export interface ReadInputOptions {
  checkHead: HeadCheck;
  /** Refuse inputs with more raw bytes than this (uploads). */
  maxRawBytes?: number;
  /** Refuse inputs whose text is longer than this once decompressed. */
  maxTextBytes?: number;
  /** Called as raw bytes arrive, for progress bars. */
  onBytes?: (bytesRead: number) => void;
  /**
   * Read a file that is not UTF-8 as Windows-1252 instead of refusing it: DfE publishes its
   * Get Information About Schools extracts in Windows-1252 (decision 023). A file with a byte
   * Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) is still refused.
   */
  acceptWindows1252?: boolean;
}

export const HEAD_BYTES = 64 * 1024;
/** Files are read in 1 MiB pieces: 64 KiB pieces spent more in stream overhead than in reading. */
const READ_CHUNK_BYTES = 1024 * 1024;
/** Plain files are read in 16 MiB pieces, so a progress bar still moves. */
const PLAIN_FILE_PIECE_BYTES = 16 * 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** V8 strings top out near 512 MiB; stay well under and say so rather than crash. */
export const DEFAULT_MAX_TEXT_BYTES = 400 * 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;
/**
 * Windows-1252's characters for bytes 0x80..0x9F (the rest is Latin-1). Node's TextDecoder
 * reads 'windows-1252' as Latin-1, giving C1 controls for these (0x92 should be ’, not U+0092),
 * so the table is applied here. The five bytes Windows-1252 leaves undefined stay C1 controls.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

/** The five bytes Windows-1252 leaves undefined; no real text has them. */
const WINDOWS_1252_UNDEFINED = /[\u0081\u008d\u008f\u0090\u009d]/;

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

async function openSource(source: InputSource): Promise<Result<Readable, FileProblem>> {
  if ('path' in source) {
    const info = await stat(source.path).catch(() => null);
    if (!info) return fail(unreadable(`${source.path}: no such file.`));
    if (!info.isFile()) return fail(unreadable(`${source.path} is not a file.`));
    return ok(createReadStream(source.path, { highWaterMark: READ_CHUNK_BYTES }));
  }
  if ('bytes' in source) return ok(Readable.from([Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)]));
  // Web streams come from fetch/Hono request bodies; Node streams from files and tests.
  return ok(source.stream instanceof Readable ? source.stream : readableOfWebStream(source.stream));
}

/** A Node stream over a fetch/Hono request body; destroying it cancels the body. */
export function readableOfWebStream(stream: ReadableStream<Uint8Array>): Readable {
  const reader = stream.getReader();
  let finished = false;
  async function* chunks() {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        yield value;
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

function describeZlibError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(detail)) {
    return 'The gzip data is truncated: it ends before the compressed stream does, so the file was probably cut short while downloading or copying. Fetch or copy it again. Nothing was imported.';
  }
  return `The gzip data is corrupt (${detail}). Fetch or copy the file again, or import the uncompressed .csv. Nothing was imported.`;
}

/**
 * Reads the whole input as UTF-8 text, refusing early what cannot be an import file:
 * NUL bytes (binary files, UTF-16 exports), bytes that are not UTF-8, and a head the
 * importer does not recognise.
 */
export async function readInput(source: InputSource, options: ReadInputOptions): Promise<Result<InputText, FileProblem>> {
  if ('path' in source) {
    const plain = await readPlainFile(source.path, options);
    if (plain !== null) return plain;
  }
  const opened = await openSource(source);
  if (!opened.ok) return opened;
  const raw = opened.value;
  const maxText = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const hash = createHash('sha256');
  let rawBytes = 0;
  let tooLarge: FileProblem | null = null;

  const rawIterator = raw[Symbol.asyncIterator]();
  // Gather at least the two magic bytes; a network body may arrive in tiny or empty chunks.
  let first = Buffer.alloc(0);
  try {
    while (first.length < GZIP_MAGIC.length) {
      const next = await rawIterator.next();
      if (next.done) break;
      first = Buffer.concat([first, Buffer.from(next.value)]);
    }
  } catch (error) {
    raw.destroy();
    return fail(unreadable(`Could not read the file: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (first.length === 0) {
    raw.destroy();
    return fail(unreadable('The file is empty (0 bytes). Nothing was imported.'));
  }
  const gzipped = first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1];

  // Every raw byte passes here: hashed, counted and checked against the upload limit.
  const tap = (chunk: Buffer): Buffer => {
    rawBytes += chunk.length;
    hash.update(chunk);
    options.onBytes?.(rawBytes);
    if (options.maxRawBytes !== undefined && rawBytes > options.maxRawBytes) {
      tooLarge = {
        code: 'too_large',
        message: `The file is larger than the ${MB(options.maxRawBytes)} upload limit. Split it (by month, for example) and import the parts.`,
      };
      throw new Error(tooLarge.message);
    }
    return chunk;
  };
  async function* rawChunks() {
    yield tap(first);
    for (;;) {
      const next = await rawIterator.next();
      if (next.done) return;
      yield tap(Buffer.from(next.value));
    }
  }
  const rawStream = Readable.from(rawChunks(), { objectMode: false });
  let decoded: Readable = rawStream;
  if (gzipped) {
    const gunzip = createGunzip();
    // pipeline carries a source error into gunzip, so the loop below sees every failure.
    pipeline(rawStream, gunzip, () => undefined);
    decoded = gunzip;
  }

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let encoding: TextEncodingName = 'utf-8';
  // Only an importer that takes Windows-1252 keeps the bytes, to decode them again if UTF-8 fails.
  let keptBytes: Buffer[] | null = options.acceptWindows1252 ? [] : null;
  const parts: string[] = [];
  let textBytes = 0;
  let headChecked = false;
  let head = '';
  const stop = (problem: FileProblem) => {
    decoded.destroy();
    rawStream.destroy();
    raw.destroy();
    return fail(problem);
  };
  try {
    for await (const chunk of decoded) {
      const bytes: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      const nul = bytes.indexOf(0);
      if (nul !== -1) {
        return stop(
          unreadable(
            `This is not a text file: it contains a NUL byte at offset ${textBytes + nul}${gzipped ? ' (after gunzip)' : ''}. ` +
              'Expected a CSV (or GeoJSON) file, optionally gzipped. If it is a spreadsheet export in UTF-16 ("Unicode text"), save it as "CSV UTF-8" instead.',
          ),
        );
      }
      let text: string;
      try {
        text = encoding === 'utf-8' ? utf8.decode(bytes, { stream: true }) : decodeWindows1252(bytes);
        keptBytes?.push(bytes);
      } catch {
        if (!keptBytes) {
          return stop(
            unreadable(
              `The file is not UTF-8 text (invalid bytes within bytes ${textBytes}..${textBytes + bytes.length}${gzipped ? ' after gunzip' : ''}). ` +
                'Save it as "CSV UTF-8" (or re-export as UTF-8) and import it again.',
            ),
          );
        }
        // Not UTF-8: everything so far is read again as Windows-1252 (one byte, one character).
        encoding = 'windows-1252';
        keptBytes.push(bytes);
        text = decodeWindows1252(Buffer.concat(keptBytes));
        keptBytes = null;
        parts.length = 0;
        if (!headChecked) head = '';
      }
      textBytes += bytes.length;
      if (textBytes > maxText) {
        return stop({
          code: 'too_large',
          message: `The file holds more than ${MB(maxText)} of text once decompressed. Split it (by month, for example) and import the parts.`,
        });
      }
      parts.push(text);
      if (!headChecked) {
        head += text;
        if (head.length >= HEAD_BYTES) {
          headChecked = true;
          const checked = options.checkHead(head, false);
          if (!checked.ok) return stop(checked.reason);
          head = '';
        }
      }
    }
    try {
      if (encoding === 'utf-8') parts.push(utf8.decode());
    } catch (error) {
      // A file that ends inside what would be a UTF-8 character (e.g. "Café" in Windows-1252, last).
      if (!keptBytes) throw error;
      encoding = 'windows-1252';
      parts.length = 0;
      parts.push(decodeWindows1252(Buffer.concat(keptBytes)));
    }
  } catch (error) {
    if (tooLarge) return stop(tooLarge);
    if (gzipped) return stop(unreadable(describeZlibError(error)));
    return stop(unreadable(`Could not read the file: ${error instanceof Error ? error.message : String(error)}`));
  }
  const text = parts.join('');
  if (encoding === 'windows-1252' && WINDOWS_1252_UNDEFINED.test(text)) {
    return fail(
      unreadable(
        'The file is neither UTF-8 nor Windows-1252 text (it has bytes neither encoding uses). ' +
          'Save it as "CSV UTF-8" (or re-export as UTF-8) and import it again.',
      ),
    );
  }
  // A regex stops at the first non-space character; trim() would copy a large text.
  if (!/\S/.test(text)) {
    return fail(
      unreadable(
        gzipped
          ? 'The gzip file holds no text (it decompresses to nothing or only blank lines). Nothing was imported.'
          : 'The file holds only blank space. Nothing was imported.',
      ),
    );
  }
  if (!headChecked) {
    const checked = options.checkHead(text, true);
    if (!checked.ok) return fail(checked.reason);
  }
  return ok({ text, sha256: hash.digest('hex'), byteLength: rawBytes, gzipped, encoding });
}

/** Reads bytes [from, to) of the file into `into` at the same offsets. */
async function readRange(handle: FileHandle, into: Buffer, from: number, to: number): Promise<boolean> {
  for (let at = from; at < to;) {
    const { bytesRead } = await handle.read(into, at, to - at, at);
    if (bytesRead === 0) return false;
    at += bytesRead;
  }
  return true;
}

/**
 * The usual import, a plain (not gzipped) CSV file of valid UTF-8, read without streams: a
 * million-row file spent more time in stream plumbing than in reading, hashing and decoding
 * together. The head is read and checked first, so junk is still refused after 64 KB. Any
 * file this road does not expect (gzip, a NUL byte, bytes that are not UTF-8, over a limit,
 * empty, changing while read) gives null, and the stream reader reads it again and says
 * what is wrong, in the same words as for an upload.
 */
async function readPlainFile(path: string, options: ReadInputOptions): Promise<Result<InputText, FileProblem> | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const info = await handle.stat();
    const size = info.size;
    const maxText = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
    if (!info.isFile() || size === 0 || size > maxText || (options.maxRawBytes !== undefined && size > options.maxRawBytes)) return null;
    const headEnd = Math.min(size, HEAD_BYTES);
    // The head is read on its own first, so junk is refused without room for the whole file.
    const head = Buffer.allocUnsafe(headEnd);
    if (!(await readRange(handle, head, 0, headEnd))) return null;
    if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return null;
    if (head.indexOf(0) !== -1) return null;
    options.onBytes?.(headEnd);
    let bytes = head;
    if (headEnd < size) {
      let headText: string;
      try {
        // stream: a character cut in two at the end of the head is held back, not refused.
        headText = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      } catch {
        return null;
      }
      const checked = options.checkHead(headText, false);
      if (!checked.ok) return fail(checked.reason);
      bytes = Buffer.allocUnsafe(size);
      head.copy(bytes, 0);
      for (let from = headEnd; from < size; from += PLAIN_FILE_PIECE_BYTES) {
        const to = Math.min(size, from + PLAIN_FILE_PIECE_BYTES);
        if (!(await readRange(handle, bytes, from, to))) return null;
        options.onBytes?.(to);
      }
    }
    if (bytes.indexOf(0, headEnd) !== -1 || !isUtf8(bytes)) return null;
    const bom = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? UTF8_BOM.length : 0;
    // ASCII (most CSV exports) decodes as Latin-1 into a one-byte string, several times faster.
    const text = isAscii(bytes) ? bytes.toString('latin1', bom, size) : bytes.toString('utf8', bom, size);
    if (!/\S/.test(text)) return null;
    if (headEnd === size) {
      const checked = options.checkHead(text, true);
      if (!checked.ok) return fail(checked.reason);
    }
    return ok({ text, sha256: createHash('sha256').update(bytes).digest('hex'), byteLength: size, gzipped: false, encoding: 'utf-8' });
  } finally {
    await handle.close();
  }
}
