// Hand-built multipart/form-data bodies, so tests can send forms that no HTTP client would
// build: a wrong or missing boundary, a part cut short, a header too long to read.

export interface FormPart {
  /** Header lines without their CRLF, e.g. 'Content-Disposition: form-data; name="file"; filename="jan.csv"'. */
  headers: string[];
  body: string | Uint8Array;
}

export const filePart = (name: string, fileName: string, body: string | Uint8Array, type = 'text/csv'): FormPart => ({
  headers: [`Content-Disposition: form-data; name="${name}"; filename="${fileName}"`, `Content-Type: ${type}`],
  body,
});

export const textPart = (name: string, value: string): FormPart => ({ headers: [`Content-Disposition: form-data; name="${name}"`], body: value });

/** The bytes of a form with these parts; `close: false` leaves off the closing boundary, as a cut-short upload does. */
export function multipartBody(boundary: string, parts: readonly FormPart[], options: { close?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\n${part.headers.map((h) => `${h}\r\n`).join('')}\r\n`));
    pieces.push(Buffer.from(part.body));
    pieces.push(Buffer.from('\r\n'));
  }
  if (options.close ?? true) pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const bytes = Buffer.concat(pieces);
  const body = new Uint8Array(bytes.length);
  body.set(bytes);
  return body;
}

export const multipartType = (boundary: string) => `multipart/form-data; boundary=${boundary}`;
