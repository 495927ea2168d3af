// Upload API for the importers: the same runImport as `npm run import`, so a file gives the
// same summary, the same refusals and the same stored rows whichever way it arrives.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow } from '../auth/roles';
import { listImportBatches } from '../store/import-batches';
import { importOptionSchemas, runImport, type ImportFile, type ImportOutcome, type ImportRequest } from '../import/run-import';
import { validate } from '../validation';
import { spoolMultipartFile } from './multipart-upload';

/** Uploads above this are refused with 413; police.uk's biggest monthly force file is ~20 MB. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const RAW_TYPES = ['text/csv', 'text/plain', 'application/gzip', 'application/x-gzip', 'application/geo+json', 'application/json', 'application/octet-stream'];

const fileName = z
  .string()
  .max(200, 'expected at most 200 characters')
  .regex(/^[^/\\]+$/, 'expected a file name without folders')
  .optional();

const policeUkQuery = z
  .object({ allowRejected: importOptionSchemas.allowRejected, fileName })
  .transform((q) => ({ request: { kind: 'police-uk', allowRejected: q.allowRejected } satisfies ImportRequest, fileName: q.fileName }));

const stopSearchQuery = z
  .object({ allowRejected: importOptionSchemas.allowRejected, fileName })
  .transform((q) => ({ request: { kind: 'stop-search', allowRejected: q.allowRejected } satisfies ImportRequest, fileName: q.fileName }));

const partnerQuery = z
  .object({
    source: importOptionSchemas.source,
    columns: importOptionSchemas.columns,
    allowRejected: importOptionSchemas.allowRejected,
    fileName,
  })
  .transform((q) => ({
    request: { kind: 'partner', source: q.source, columns: q.columns, allowRejected: q.allowRejected } satisfies ImportRequest,
    fileName: q.fileName,
  }));

const areasQuery = z
  .object({
    kind: importOptionSchemas.areaKind,
    nameProperty: importOptionSchemas.property,
    codeProperty: importOptionSchemas.property,
    fileName,
  })
  .transform((q) => ({
    request: { kind: 'areas', areaKind: q.kind, nameProperty: q.nameProperty, codeProperty: q.codeProperty } satisfies ImportRequest,
    fileName: q.fileName,
  }));

const schoolsQuery = z
  .object({ allowRejected: importOptionSchemas.allowRejected, complete: importOptionSchemas.complete, fileName })
  .transform((q) => ({ request: { kind: 'schools', allowRejected: q.allowRejected, complete: q.complete } satisfies ImportRequest, fileName: q.fileName }));

const schoolCalendarQuery = z.object({ fileName }).transform((q) => ({ request: { kind: 'school-calendar' } satisfies ImportRequest, fileName: q.fileName }));

const camerasQuery = z.object({ fileName }).transform((q) => ({ request: { kind: 'cameras' } satisfies ImportRequest, fileName: q.fileName }));

/** The form field that carries a population file's LSOA to ward lookup (decision 035). */
export const LOOKUP_FIELD = 'lookup';

/** A population file; an LSOA-level one comes with its lookup in the form's second file field. */
const populationQuery = z.object({ fileName }).transform((q) => ({
  request: (extras: UploadExtras): ImportRequest => {
    const lookup = extras[LOOKUP_FIELD];
    return { kind: 'population', lookup: lookup ? { input: { path: lookup.path }, fileName: lookup.fileName ?? 'lookup' } : null };
  },
  fileName: q.fileName,
  extraFileFields: [LOOKUP_FIELD],
}));

const batchesQuery = z.object({
  limit: z.coerce.number().int('expected a whole number 1..500').min(1, 'expected 1..500').max(500, 'expected 1..500').default(50),
});

type UploadExtras = Readonly<Record<string, { path: string; fileName: string | null }>>;

type Upload =
  | { ok: true; file: ImportFile; extras: UploadExtras; remove?: () => Promise<void> }
  | { ok: false; status: 400 | 413 | 415; code: 'invalid_upload' | 'too_large' | 'unsupported_media_type'; message: string };

const MiB = 1024 * 1024;
const tooLargeMessage = (maxBytes: number) =>
  `The upload is larger than ${maxBytes >= MiB ? `${Math.round(maxBytes / MiB)} MB` : `${Math.round(maxBytes / 1024)} KB`}. Split the file (by month, for example) and upload the parts.`;

/**
 * The file from a raw body or a multipart field `file`, never buffered whole: a raw body is
 * streamed to the importer; a form is streamed to a temporary file and imported once it has
 * arrived intact (decision 017).
 */
async function uploadedFile(c: Context<AppEnv>, deps: AppDeps, queryFileName: string | undefined, extraFileFields: readonly string[]): Promise<Upload> {
  const tooLarge = tooLargeMessage(deps.maxUploadBytes);
  const length = Number(c.req.header('content-length'));
  if (Number.isFinite(length) && length > deps.maxUploadBytes) return { ok: false, status: 413, code: 'too_large', message: tooLarge };
  const contentType = c.req.header('content-type') ?? 'application/octet-stream';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const spooled = await spoolMultipartFile(c.req.raw.body, contentType, {
      maxFileBytes: deps.maxUploadBytes,
      tooLargeMessage: tooLarge,
      tempDir: deps.uploadTempDir,
      extraFileFields,
    });
    if (!spooled.ok) return { ok: false, ...spooled.reason };
    const { path, fileName, remove, extras } = spooled.value;
    return { ok: true, file: { input: { path }, fileName: queryFileName ?? fileName ?? 'upload' }, extras, remove };
  }
  if (!RAW_TYPES.includes(type)) {
    return {
      ok: false,
      status: 415,
      code: 'unsupported_media_type',
      message: `Content-Type ${type} is not accepted; send the file as ${RAW_TYPES.join(', ')} or multipart/form-data.`,
    };
  }
  const body = c.req.raw.body;
  if (!body)
    return { ok: false, status: 400, code: 'invalid_upload', message: 'The request has no body; send the file as the body, or as multipart field "file".' };
  return { ok: true, file: { input: { stream: body }, fileName: queryFileName ?? 'upload' }, extras: {} };
}

function respond(c: Context<AppEnv>, outcome: ImportOutcome) {
  if (outcome.ok) return c.json({ summary: outcome.summary }, 200);
  const { code, message } = outcome.problem;
  const status = code === 'too_large' ? 413 : code === 'unreadable_file' ? 400 : 422;
  return c.json({ error: { code, message }, summary: outcome.summary }, status);
}

export function importRoutes(deps: AppDeps) {
  const handle = async (
    c: Context<AppEnv>,
    parsed: { request: ImportRequest | ((extras: UploadExtras) => ImportRequest); fileName: string | undefined; extraFileFields?: readonly string[] },
  ) => {
    const upload = await uploadedFile(c, deps, parsed.fileName, parsed.extraFileFields ?? []);
    if (!upload.ok) return c.json({ error: { code: upload.code, message: upload.message } }, upload.status);
    const principal = c.get('principal');
    try {
      const outcome = await runImport(
        { db: deps.db, importedBy: principal?.id ?? 'unknown', now: deps.clock(), maxRawBytes: deps.maxUploadBytes },
        typeof parsed.request === 'function' ? parsed.request(upload.extras) : parsed.request,
        upload.file,
      );
      return respond(c, outcome);
    } finally {
      await upload.remove?.();
    }
  };

  return new Hono<AppEnv>()
    .post('/imports/police-uk', allow('analyst'), validate('query', policeUkQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/partner', allow('analyst'), validate('query', partnerQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/stop-search', allow('analyst'), validate('query', stopSearchQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/areas', allow('analyst'), validate('query', areasQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/schools', allow('analyst'), validate('query', schoolsQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/school-calendar', allow('analyst'), validate('query', schoolCalendarQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/cameras', allow('analyst'), validate('query', camerasQuery), (c) => handle(c, c.req.valid('query')))
    .post('/imports/population', allow('analyst'), validate('query', populationQuery), (c) => handle(c, c.req.valid('query')))
    .get('/imports', allow('analyst', 'chair'), validate('query', batchesQuery), (c) =>
      c.json({ batches: listImportBatches(deps.db, c.req.valid('query').limit) }),
    );
}
