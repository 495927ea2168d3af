import { describe, expect, it } from 'vitest';
import { ok } from '../../geo/types';
import { firstLineOf, headerFieldsOf, isQuoteFree, walkCsv } from './csv-table';

function walk(text: string, road: 'auto' | 'csv-parse') {
  const rows: { line: number; fields: string[] }[] = [];
  let header: readonly string[] = [];
  const result = walkCsv(
    text,
    {
      header: (fields) => ((header = fields), ok(undefined)),
      row: (fields, line) => rows.push({ line, fields: [...fields] }),
      reject: (line, message) => rows.push({ line, fields: ['rejected', message] }),
    },
    { road },
  );
  return { result, header, rows };
}

const QUOTE_FREE_SAMPLES = [
  'a,b,c\n1,2,3\n4,5,6\n',
  'a,b,c\r\n1,2,3\r\n4,5,6',
  '\uFEFFa,b,c\n1,,3\n\n\n4,5,6\n\n',
  'a, b ,c\n  ,x,y\n1,2\n1,2,3,4\n',
  'Month,Longitude\n2019-01,-0.05\n',
];

describe('walkCsv', () => {
  it.each(QUOTE_FREE_SAMPLES)('walks quote-free text exactly as csv-parse does: %j', (text) => {
    expect(isQuoteFree(text)).toBe(true);
    expect(walk(text, 'auto')).toEqual(walk(text, 'csv-parse'));
  });

  it('numbers rows by the file line they start on, header = line 1, blank lines counted', () => {
    const { rows } = walk('a,b\n1,2\n\n3,4\n', 'auto');
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reads quoted fields with commas, line breaks and doubled quotes, keeping line numbers', () => {
    const text = 'Crime ID,Location,Crime type\nX1,"On or near Roman Road, Bow",Burglary\n\nX2,"a\nb",Robbery\nX3,"say ""hi""",Drugs\n';
    expect(isQuoteFree(text)).toBe(false);
    const { rows, result } = walk(text, 'auto');
    expect(result).toEqual({ ok: true, value: 3 });
    expect(rows).toEqual([
      { line: 2, fields: ['X1', 'On or near Roman Road, Bow', 'Burglary'] },
      { line: 4, fields: ['X2', 'a\nb', 'Robbery'] },
      { line: 6, fields: ['X3', 'say "hi"', 'Drugs'] },
    ]);
  });

  it('refuses a quote that never closes, naming the line', () => {
    const { result } = walk('a,b\n1,"open\n2,3\n', 'auto');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.message).toMatch(/malformed.*line/i);
  });

  it('stops at a header the visitor refuses', () => {
    const rows: number[] = [];
    const result = walkCsv('x,y\n1,2\n', {
      header: () => ({ ok: false, reason: { code: 'import_refused', message: 'bad header' } }),
      row: (_f, line) => rows.push(line),
      reject: (line) => rows.push(line),
    });
    expect(result).toEqual({ ok: false, reason: { code: 'import_refused', message: 'bad header' } });
    expect(rows).toEqual([]);
  });
});

describe('header helpers', () => {
  it('takes the first non-blank line, or none when the head holds no complete line', () => {
    expect(firstLineOf('\uFEFF\r\na,b\r\n1,2', false)).toBe('a,b');
    expect(firstLineOf('a,b', false)).toBeNull();
    expect(firstLineOf('a,b', true)).toBe('a,b');
  });

  it('splits a header with quoted names', () => {
    expect(headerFieldsOf('"Date/Time", Offence ,"X, metres"')).toEqual(['Date/Time', 'Offence', 'X, metres']);
  });
});
