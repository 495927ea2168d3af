import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../../geo/types';
import { readInput, type HeadCheck } from './read-input';

const anyHead: HeadCheck = () => ok(undefined);
const csvText = 'Month,Longitude,Latitude,Crime type\n2019-01,-0.05,51.52,Burglary\n';

/** A stream of `chunks` copies of `chunk`, counting what was pulled from it. */
function countingStream(chunk: Buffer, chunks: number) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= chunks) return this.push(null);
      sent += 1;
      pulled.bytes += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, pulled };
}

describe('readInput', () => {
  it('reads plain text and hashes the bytes as given', async () => {
    const bytes = Buffer.from(csvText);
    const read = await readInput({ bytes }, { checkHead: anyHead });
    expect(read).toEqual({
      ok: true,
      value: { text: csvText, sha256: createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.length, gzipped: false, encoding: 'utf-8' },
    });
  });

  it('recognises gzip by its magic bytes, whatever the name, and hashes the compressed bytes', async () => {
    const gz = gzipSync(csvText);
    const read = await readInput({ bytes: gz }, { checkHead: anyHead });
    expect(read.ok && read.value.gzipped).toBe(true);
    expect(read.ok && read.value.text).toBe(csvText);
    expect(read.ok && read.value.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
  });

  it('drops a UTF-8 byte order mark', async () => {
    const read = await readInput({ bytes: Buffer.from(`\uFEFF${csvText}`) }, { checkHead: anyHead });
    expect(read.ok && read.value.text).toBe(csvText);
  });

  it('says a truncated gzip is truncated', async () => {
    const gz = gzipSync(csvText.repeat(2000));
    const read = await readInput({ bytes: gz.subarray(0, Math.floor(gz.length / 2)) }, { checkHead: anyHead });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason.code).toBe('unreadable_file');
    expect(!read.ok && read.reason.message).toMatch(/gzip data is truncated/);
  });

  it('says a corrupt gzip is corrupt', async () => {
    const gz = Buffer.from(gzipSync(csvText.repeat(50)));
    gz.fill(0x55, 12, 40);
    const read = await readInput({ bytes: gz }, { checkHead: anyHead });
    expect(!read.ok && read.reason.message).toMatch(/gzip data is (corrupt|truncated)/);
  });

  it('refuses an empty file and a blank one', async () => {
    const empty = await readInput({ bytes: Buffer.alloc(0) }, { checkHead: anyHead });
    expect(!empty.ok && empty.reason.message).toMatch(/empty \(0 bytes\)/);
    const blank = await readInput({ bytes: Buffer.from('\n\n  \n') }, { checkHead: anyHead });
    expect(!blank.ok && blank.reason.message).toMatch(/only blank space/);
  });

  it('refuses NUL bytes and text that is not UTF-8', async () => {
    const utf16 = await readInput({ bytes: Buffer.from(csvText, 'utf16le') }, { checkHead: anyHead });
    expect(!utf16.ok && utf16.reason.message).toMatch(/not a text file: it contains a NUL byte at offset 1/);
    const latin1 = await readInput({ bytes: Buffer.from('Month,Location\n2019-01,Caf\xe9 Street\n', 'latin1') }, { checkHead: anyHead });
    expect(!latin1.ok && latin1.reason.message).toMatch(/not UTF-8 text/);
  });

  it('reads a file that is not UTF-8 as Windows-1252 when the importer accepts it (DfE GIAS extracts)', async () => {
    // 'É' 0xC9, '’' 0x92, '€' 0x80 and 'é' 0xE9 in Windows-1252; Latin-1 would give C1 controls for 0x92 and 0x80.
    const bytes = Buffer.concat([
      Buffer.from('URN,Name\n1,'),
      Buffer.from([0xc9, 0x63, 0x6f, 0x6c, 0x65, 0x20, 0x92, 0x80, 0x0a, 0x32, 0x2c, 0x43, 0x61, 0x66, 0xe9]),
    ]);
    const read = await readInput({ bytes }, { checkHead: anyHead, acceptWindows1252: true });
    expect(read.ok && read.value).toMatchObject({ text: 'URN,Name\n1,École ’€\n2,Café', encoding: 'windows-1252', byteLength: bytes.length });
    // The same bytes without the option are refused, as before.
    const refusedRead = await readInput({ bytes }, { checkHead: anyHead });
    expect(!refusedRead.ok && refusedRead.reason.message).toMatch(/not UTF-8 text/);
    // UTF-8 stays UTF-8, and a non-UTF-8 byte far past the head, in a stream of small chunks, switches the whole text.
    const utf8 = await readInput({ bytes: Buffer.from('URN,Name\n1,École\n') }, { checkHead: anyHead, acceptWindows1252: true });
    expect(utf8.ok && utf8.value).toMatchObject({ text: 'URN,Name\n1,École\n', encoding: 'utf-8' });
    const long = Buffer.concat([Buffer.from(`URN,Name\n${'1,École\n'.repeat(20_000)}`), Buffer.from([0x32, 0x2c, 0x92, 0x0a])]);
    const pieces = Array.from({ length: Math.ceil(long.length / 1000) }, (_, k) => long.subarray(k * 1000, (k + 1) * 1000));
    const streamed = await readInput({ stream: Readable.from(pieces) }, { checkHead: anyHead, acceptWindows1252: true });
    // Read as Windows-1252 throughout: the UTF-8 'é' (0xC3 0xA9) becomes 'Ã©', as it is in that encoding.
    expect(streamed.ok && streamed.value.encoding).toBe('windows-1252');
    expect(streamed.ok && streamed.value.text).toBe(`URN,Name\n${'1,Ã‰cole\n'.repeat(20_000)}2,’\n`);
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252 (a byte Windows-1252 leaves undefined)', async () => {
    const read = await readInput({ bytes: Buffer.from([0x55, 0x52, 0x4e, 0x0a, 0x31, 0x81, 0x0a]) }, { checkHead: anyHead, acceptWindows1252: true });
    expect(!read.ok && read.reason.message).toMatch(/^The file is neither UTF-8 nor Windows-1252 text/);
  });

  it('stops reading junk after its first 64 KB instead of reading all of it', async () => {
    // 200 MB of text junk with line breaks: only the head check can tell.
    const junk = countingStream(Buffer.from('garbage;garbage;garbage\n'.repeat(43_690)), 200);
    const refusing: HeadCheck = (head) =>
      head.startsWith('Month') ? ok(undefined) : { ok: false, reason: { code: 'import_refused', message: 'not a header' } };
    const read = await readInput({ stream: junk.stream }, { checkHead: refusing });
    expect(!read.ok && read.reason.message).toBe('not a header');
    expect(junk.pulled.bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('stops at the first binary chunk of a large stream', async () => {
    const binary = countingStream(Buffer.alloc(1024 * 1024, 0), 200);
    const read = await readInput({ stream: binary.stream }, { checkHead: anyHead });
    expect(!read.ok && read.reason.code).toBe('unreadable_file');
    expect(binary.pulled.bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('gives the whole text to the head check when the file is short', async () => {
    const seen: { head: string; complete: boolean }[] = [];
    await readInput({ bytes: Buffer.from(csvText) }, { checkHead: (head, complete) => (seen.push({ head, complete }), ok(undefined)) });
    expect(seen).toEqual([{ head: csvText, complete: true }]);
  });

  it('refuses more raw bytes than the limit', async () => {
    const big = countingStream(Buffer.from('x,y\n'.repeat(16_384)), 100);
    const read = await readInput({ stream: big.stream }, { checkHead: anyHead, maxRawBytes: 1024 * 1024 });
    expect(!read.ok && read.reason.code).toBe('too_large');
    expect(!read.ok && read.reason.message).toMatch(/larger than the 1 MB upload limit/);
  });

  it('refuses text longer than the limit once decompressed (a gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a'));
    const read = await readInput({ bytes: bomb }, { checkHead: anyHead, maxTextBytes: 1024 * 1024 });
    expect(!read.ok && read.reason.code).toBe('too_large');
  });

  it('reads a web stream (a fetch or Hono request body)', async () => {
    const body = new Response(gzipSync(csvText)).body!;
    const read = await readInput({ stream: body }, { checkHead: anyHead });
    expect(read.ok && read.value.text).toBe(csvText);
  });

  it('finds the gzip magic when a body arrives one byte at a time', async () => {
    const gz = gzipSync(csvText);
    const bytes = Readable.from([Buffer.alloc(0), ...[...gz].map((b) => Buffer.from([b]))]);
    const read = await readInput({ stream: bytes }, { checkHead: anyHead });
    expect(read.ok && read.value).toMatchObject({ text: csvText, gzipped: true, byteLength: gz.length });
  });

  it('names a missing file', async () => {
    const read = await readInput({ path: '/nonexistent/crimes.csv' }, { checkHead: anyHead });
    expect(!read.ok && read.reason.message).toBe('/nonexistent/crimes.csv: no such file.');
  });
});

describe('readInput from a file path (read without streams when the file is plain UTF-8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const headerOnly: HeadCheck = (head) =>
    head.startsWith('Month') ? ok(undefined) : { ok: false, reason: { code: 'import_refused', message: 'not a header' } };
  const long = (tail: string) => `${csvText}${'2019-01,-0.05,51.52,Burglary\n'.repeat(3000)}${tail}`;
  // 'é' is two bytes in UTF-8; put one across the 64 KB head boundary.
  const straddling = `Month,Location\n${'x'.repeat(65_535 - 'Month,Location\n'.length)}é\n2019-01,Café\n`;
  const cases: [string, Buffer][] = [
    ['plain ASCII', Buffer.from(csvText)],
    ['UTF-8 with a byte order mark', Buffer.from(`\uFEFF${csvText}`)],
    ['non-ASCII UTF-8', Buffer.from('Month,Location\n2019-01,Café Street\n')],
    ['a character cut in two at the end of the 64 KB head', Buffer.from(straddling)],
    ['more than 64 KB', Buffer.from(long(''))],
    ['gzip', gzipSync(csvText)],
    ['NUL bytes in the head (UTF-16)', Buffer.from(csvText, 'utf16le')],
    ['a NUL byte after the head', Buffer.concat([Buffer.from(long('')), Buffer.from([0x41, 0, 0x41])])],
    ['bytes that are not UTF-8 after the head', Buffer.concat([Buffer.from(long('')), Buffer.from('Caf\xe9', 'latin1')])],
    ['an empty file', Buffer.alloc(0)],
    ['only blank space', Buffer.from('\n\n  \n')],
    ['junk longer than the head', Buffer.from('garbage;garbage\n'.repeat(10_000))],
    ['short junk', Buffer.from('garbage;garbage\n')],
  ];

  it.each(cases)('reads %s exactly as the same bytes given directly', async (name, bytes) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, bytes);
    const fromPath = await readInput({ path }, { checkHead: headerOnly });
    const fromBytes = await readInput({ bytes }, { checkHead: headerOnly });
    expect(fromPath).toEqual(fromBytes);
  });

  it('reports progress up to the whole file', async () => {
    const bytes = Buffer.from(long(''));
    const path = join(dir, 'progress.csv');
    writeFileSync(path, bytes);
    const seen: number[] = [];
    const read = await readInput({ path }, { checkHead: anyHead, onBytes: (n) => seen.push(n) });
    expect(read.ok).toBe(true);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('keeps the size limits', async () => {
    const path = join(dir, 'limit.csv');
    writeFileSync(path, long(''));
    const raw = await readInput({ path }, { checkHead: anyHead, maxRawBytes: 1024 });
    expect(!raw.ok && raw.reason.code).toBe('too_large');
    const text = await readInput({ path }, { checkHead: anyHead, maxTextBytes: 1024 });
    expect(!text.ok && text.reason.code).toBe('too_large');
  });
});
