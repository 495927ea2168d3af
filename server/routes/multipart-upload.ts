// A multipart/form-data upload read with busboy as it arrives: the field `file` is written to a
// temporary file, with the size cap applied while it streams, and the import only starts once
// the whole form has arrived intact. The upload is never held in memory, and a form cut short
// or malformed stores nothing (decision 017).
import busboy from 'busboy';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail, ok, type Result } from '../../geo/types';
import { readableOfWebStream } from '../import/read-input';

export interface UploadProblem {
  status: 400 | 413;
  code: 'invalid_upload' | 'too_large';
  message: string;
}

export interface SpooledFile {
  /** The temporary file holding the field's bytes. */
  path: string;
  /** The file name the form gave, without folders; null when it gave none. */
  fileName: string | null;
  /** Removes the temporary file (and any extra files); call once the import is done with it. */
  remove: () => Promise<void>;
  /** The extra file fields the form sent (SpoolOptions.extraFileFields), by field name. */
  extras: Readonly<Record<string, { path: string; fileName: string | null }>>;
}

export interface SpoolOptions {
  /** A file field longer than this is refused with 413 as soon as it passes it. */
  maxFileBytes: number;
  /** The message for that 413. */
  tooLargeMessage: string;
  /** Where the temporary file goes (the OS temp directory unless configured). */
  tempDir: string;
  /**
   * Other file fields to keep besides `file`, each at most once (a population file's LSOA to
   * ward lookup, field "lookup"); any other field is drained and ignored. Their bytes count
   * towards the form's cap.
   */
  extraFileFields?: readonly string[];
}

/** The form itself may add this much to the file: part headers, boundaries, small fields. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const LIMITS = { parts: 100, fields: 50, fieldSize: 1024, headerPairs: 100 } as const;
const NOT_A_FORM = 'The upload is not a complete multipart form:';
const RESEND = 'Let your HTTP client build the form (e.g. curl -F file=@incidents.csv), or send the file as the raw request body.';

const invalid = (message: string): UploadProblem => ({ status: 400, code: 'invalid_upload', message });
const missingFile = (textField: boolean) =>
  invalid(
    textField
      ? 'The form\'s field "file" holds text, not a file; attach the file itself (curl -F file=@incidents.csv, or a file input in a browser form).'
      : 'The form has no file field named "file"; send the file as multipart field "file", or as the raw request body.',
  );

/** busboy's own words, in terms of what the sender did and what to do about it. */
function describeFormError(error: unknown, bytesReceived: number): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (bytesReceived === 0) return `${NOT_A_FORM} the request has no body. Send the file as multipart field "file", or as the raw request body.`;
  if (/boundary not found/i.test(detail)) return `The upload says it is a multipart form (Content-Type: multipart/form-data) but names no boundary. ${RESEND}`;
  if (/malformed content type/i.test(detail)) return `The upload's Content-Type header cannot be read as multipart/form-data with a boundary. ${RESEND}`;
  if (/unexpected end of (form|file)/i.test(detail))
    return `${NOT_A_FORM} it ends before the form's closing boundary, so it was cut short, or the boundary in Content-Type is not the one in the body. Send it again; nothing was imported.`;
  if (/malformed part header/i.test(detail)) return `${NOT_A_FORM} the headers of one of its parts are malformed or longer than 16 KB. ${RESEND}`;
  return `${NOT_A_FORM} ${detail}. ${RESEND}`;
}

/**
 * Streams the `file` field of a multipart form to a temporary file. Resolves once the whole
 * form has arrived intact, or with the first problem found (the temporary file removed, and the
 * request no longer read). Errors writing the temporary file (a full disk) are thrown.
 */
export async function spoolMultipartFile(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  options: SpoolOptions,
): Promise<Result<SpooledFile, UploadProblem>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: { ...LIMITS, files: 10, fileSize: options.maxFileBytes + 1 } });
  } catch (error) {
    return fail(invalid(describeFormError(error, 1)));
  }
  const dir = await mkdtemp(join(options.tempDir, 'tasking-map-upload-'));
  const path = join(dir, 'upload');
  const remove = () => rm(dir, { recursive: true, force: true });

  const source = body ? readableOfWebStream(body) : Readable.from([]);
  // What the event handlers below find, in one object (TypeScript does not follow assignments made in callbacks).
  const state: {
    problem: UploadProblem | null;
    spooled: Promise<void> | null;
    diskError: Error | null;
    fileName: string | null;
    textFileField: boolean;
    extras: Map<string, { path: string; fileName: string | null; spooled: Promise<void> }>;
  } = { problem: null, spooled: null, diskError: null, fileName: null, textFileField: false, extras: new Map() };
  // The first problem wins; stopping the source stops reading the request there.
  const refuse = (found: UploadProblem) => {
    state.problem ??= found;
    source.destroy(new Error(found.message));
  };
  const tooLarge: UploadProblem = { status: 413, code: 'too_large', message: options.tooLargeMessage };

  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > options.maxFileBytes + FORM_OVERHEAD_BYTES) {
        refuse(tooLarge);
        return done(new Error(tooLarge.message));
      }
      done(null, chunk);
    },
  });

  /** A part we do not keep is drained. busboy hands a form's error (cut short) to the part it is reading, and an
   * error no one listens for would stop the server: the form's error reaches the pipeline below anyway. */
  const skip = (stream: Readable) => {
    stream.on('error', () => undefined);
    stream.resume();
  };
  /** Writes one file field to `to`, with the size cap applied as it streams. */
  const spool = (stream: Readable, to: string): Promise<void> => {
    stream.on('limit', () => refuse(tooLarge));
    const out = createWriteStream(to, { flags: 'wx' });
    // A disk that cannot take the file is the server's problem, not the sender's: stop reading and throw it below.
    out.on('error', (error) => {
      // The pipeline also hands the file stream's own errors (a form cut short) to `out`; only a failed system call is the disk's.
      if (!('syscall' in error)) return;
      state.diskError ??= error;
      source.destroy(error);
    });
    const spooled = pipeline(stream, out);
    // Awaited below once the form is complete; a form that fails first has already said why.
    spooled.catch(() => undefined);
    return spooled;
  };
  parser.on('file', (name, stream, info) => {
    const extra = name !== 'file' && (options.extraFileFields ?? []).includes(name);
    if (name !== 'file' && !extra) {
      skip(stream);
      return;
    }
    if (extra ? state.extras.has(name) : state.spooled) {
      skip(stream);
      refuse(invalid(`The form has more than one field named "${name}"; send ${name === 'file' ? 'one file per upload' : 'one file in it'}.`));
      return;
    }
    if (extra) {
      const extraPath = join(dir, `extra-${state.extras.size + 1}`);
      state.extras.set(name, { path: extraPath, fileName: info.filename?.trim() || null, spooled: spool(stream, extraPath) });
      return;
    }
    state.fileName = info.filename?.trim() || null;
    state.spooled = spool(stream, path);
  });
  parser.on('field', (name) => {
    if (name === 'file') state.textFileField = true;
  });
  parser.on('partsLimit', () => refuse(invalid(`The form has more than ${LIMITS.parts} parts; send the file alone, in a field named "file".`)));

  let formError: unknown = null;
  try {
    await pipeline(source, counter, parser);
  } catch (error) {
    formError = error;
  }
  const found =
    state.problem ?? (formError !== null ? invalid(describeFormError(formError, received)) : state.spooled ? null : missingFile(state.textFileField));
  const extrasSpooled = () => Promise.all([...state.extras.values()].map((e) => e.spooled));
  if (found || state.diskError) {
    await state.spooled?.catch(() => undefined);
    await extrasSpooled().catch(() => undefined);
    await remove();
    if (state.diskError) throw state.diskError;
  }
  if (found) return fail(found);
  try {
    await state.spooled;
    await extrasSpooled();
  } catch (error) {
    await remove();
    throw error;
  }
  const extras = Object.fromEntries([...state.extras].map(([name, e]) => [name, { path: e.path, fileName: e.fileName }]));
  return ok({ path, fileName: state.fileName, remove, extras });
}
