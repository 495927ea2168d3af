import { describe, expect, it } from 'vitest';
import { plainDecimalAt } from './row-checks';
import { seededRandom } from '../../geo/seeded-random';

/** A plain decimal of at most 15 digits: sign, leading zeros, "5.", ".5" and "-0" all occur. */
function randomPlainDecimal(random: () => number): string {
  const digits = (n: number) => {
    let s = '';
    // Runs of zeros and nines sit next to rounding boundaries; plain digits fill the rest.
    const style = random();
    for (let i = 0; i < n; i++) {
      const r = random();
      s += style < 0.15 ? (r < 0.8 ? '0' : '1') : style < 0.3 ? (r < 0.8 ? '9' : String(Math.floor(r * 10))) : String(Math.floor(r * 10));
    }
    return s;
  };
  const sign = random() < 0.4 ? '-' : '';
  const total = 1 + Math.floor(random() * 15);
  const shape = random();
  if (shape < 0.25) return sign + digits(total); // integer, maybe with leading zeros
  if (shape < 0.3) return `${sign + digits(total)}.`; // "5."
  if (shape < 0.35) return `${sign}.${digits(total)}`; // ".5"
  const decimals = 1 + Math.floor(random() * Math.min(15, total));
  const whole = total - decimals;
  return `${sign + digits(whole)}.${digits(decimals)}`;
}

/** Formats a failure the way a reader can act on: the text, both values, and their bits. */
function mismatch(text: string, got: number, want: number): string {
  return `${JSON.stringify(text)}: plainDecimalAt ${got} (Object.is ${Object.is(got, want)}), Number() ${want}`;
}

describe('plainDecimalAt', () => {
  it('equals Number() bit for bit on 200,000 seeded plain decimals', () => {
    const random = seededRandom(20240301);
    const mismatches: string[] = [];
    let negativeZeros = 0;
    let fifteenDigits = 0;
    for (let k = 0; k < 200_000; k++) {
      const text = randomPlainDecimal(random);
      const got = plainDecimalAt(text, 0, text.length);
      const want = Number(text);
      if (!Object.is(got, want)) mismatches.push(mismatch(text, got, want));
      if (Object.is(want, -0)) negativeZeros += 1;
      if (text.replace(/[^0-9]/g, '').length === 15) fifteenDigits += 1;
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The generator reached the corners it was written for.
    expect(negativeZeros).toBeGreaterThan(100);
    expect(fifteenDigits).toBeGreaterThan(5_000);
  });

  it('equals Number() on the corner spellings', () => {
    const corners = [
      '0',
      '-0',
      '-0.0',
      '0.',
      '-0.',
      '.0',
      '-.0',
      '5.',
      '.5',
      '-.5',
      '007',
      '-007.50',
      '0.1',
      '0.2',
      '0.3',
      '123456789012345',
      '-999999999999999',
      '.123456789012345',
      '0.00000000000001',
      '99999999999999.9',
      '535000',
      '181000.25',
      '-0.0597',
      '51.5194',
      '.000000000000001',
      '9007199254740.99',
    ];
    for (const text of corners) {
      const got = plainDecimalAt(text, 0, text.length);
      expect(Object.is(got, Number(text)), mismatch(text, got, Number(text))).toBe(true);
    }
  });

  it('returns NaN for anything that is not a plain decimal of at most 15 digits', () => {
    const others = [
      '1e5',
      '1E5',
      '-5e-2',
      ' 1',
      '1 ',
      ' ',
      '',
      '-',
      '.',
      '-.',
      '1.2.3',
      '0x10',
      '+1',
      'Infinity',
      '-Infinity',
      'NaN',
      '1234567890123456',
      '-1234567890123456',
      '0.1234567890123456',
      '0000000000000001',
      '12345678901234567890',
      '1,5',
      '1_000',
      '--1',
      '1-',
      '١٢',
      '\t1',
      '1\r',
      'abc',
    ];
    for (const text of others) expect(plainDecimalAt(text, 0, text.length), JSON.stringify(text)).toBeNaN();
  });

  it('reads a range inside a longer line without looking outside it', () => {
    const random = seededRandom(7);
    for (let k = 0; k < 20_000; k++) {
      const field = randomPlainDecimal(random);
      // Neighbours that would change the value (digits, a dot, a minus) if the range leaked.
      const line = `9.-${field}.9e5`;
      const start = 3;
      const got = plainDecimalAt(line, start, start + field.length);
      if (!Object.is(got, Number(field))) throw new Error(mismatch(field, got, Number(field)));
    }
    const line = 'CAD-1,2024-03-01T21:15,robbery,-0.0597,51.5194';
    expect(plainDecimalAt(line, 31, 38)).toBe(-0.0597);
    expect(plainDecimalAt(line, 39, 46)).toBe(51.5194);
    expect(plainDecimalAt(line, 31, 31)).toBeNaN();
    expect(plainDecimalAt(line, 30, 38)).toBeNaN(); // takes in the comma
    expect(plainDecimalAt(line, 0, 5)).toBeNaN();
  });
});
