// What validate(...) tells a caller who sent a parameter twice, a body that is not JSON, or JSON
// that does not parse: each found by the API fuzz (tests/integration/fuzz.test.ts) answering in
// zod's or Hono's words ("expected string, received array", "Malformed JSON in request body"),
// or reporting every field missing when the body was sent as another type.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validate } from './validation';

const app = new Hono()
  .get('/things', validate('query', z.object({ group: z.string().optional(), flag: z.union([z.boolean(), z.enum(['true', 'false'])]).optional() })), (c) =>
    c.json(c.req.valid('query')),
  )
  .post('/things', validate('json', z.object({ title: z.string({ error: 'expected text' }) }).strict()), (c) => c.json(c.req.valid('json')));

// As bytes: a string body would get text/plain from Request itself.
const post = (body: string, type: string | null) =>
  app.request('/things', { method: 'POST', body: new TextEncoder().encode(body), headers: type ? { 'content-type': type } : {} });

describe('validate', () => {
  it('says a query parameter was sent more than once, and how to send a list', async () => {
    const res = await app.request('/things?group=a&group=b&flag=true&flag=false&flag=true');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_parameter',
        message:
          'group: sent 2 times; send it once (a list goes in one value, comma-separated); flag: sent 3 times; send it once (a list goes in one value, comma-separated)',
      },
    });
  });

  it('refuses a body sent as another type with 415 and the type to send, instead of every field missing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const res = await post('{"title":"A"}', type);
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({
        error: { code: 'unsupported_media_type', message: `The body must be JSON, sent with Content-Type: application/json${type ? `, not ${type}` : ''}.` },
      });
    }
    expect((await post('{"title":"A"}', 'application/json; charset=utf-8')).status).toBe(200);
  });

  it('says where a body stops being JSON', async () => {
    const res = await post('{"title": "A",', 'application/json');
    expect(res.status).toBe(400);
    const body = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).parse(await res.json());
    expect(body.error.code).toBe('invalid_json');
    expect(body.error.message).toMatch(/^The body is not valid JSON \(.*JSON.*\); send one JSON object\.$/);
  });

  it('still names each field of a JSON body that parses but does not fit', async () => {
    const res = await post('{"title": 3, "extra": 1}', 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_field',
        message: 'title: expected text; extra: is not a field of this request; check its spelling',
        fields: [
          { field: 'title', message: 'expected text' },
          { field: 'extra', message: 'is not a field of this request; check its spelling' },
        ],
      },
    });
  });
});
