import { describe, expect, it } from 'vitest';
import { classifyEmerging } from './emerging';

const H = 1;
const C = -1;
const _ = 0;
const rising = (n: number) => Array.from({ length: n }, (_, i) => 2 + i * 0.5);
const falling = (n: number) => rising(n).reverse();
const flat = (n: number) => Array.from({ length: n }, (_, i) => 3 + (i % 2 === 0 ? 0.2 : -0.2));

describe('classifyEmerging (ArcGIS Emerging Hot Spot definitions)', () => {
  it.each([
    ['new: hot only in the final window', [_, _, _, _, _, _, _, _, _, H], flat(10), 'new'],
    ['consecutive: one run of hot windows at the end, never hot before', [_, _, _, _, _, _, _, H, H, H], flat(10), 'consecutive'],
    ['intensifying: hot in >= 90% incl. the last, z rising', [H, H, H, H, H, H, H, H, H, H], rising(10), 'intensifying'],
    ['persistent: hot in >= 90%, no trend', [H, H, H, _, H, H, H, H, H, H], flat(10), 'persistent'],
    ['diminishing: hot in >= 90% incl. the last, z falling', [H, H, H, H, H, H, H, H, H, H], falling(10), 'diminishing'],
    ['sporadic: on and off, never cold', [H, _, _, H, _, H, _, _, _, H], flat(10), 'sporadic'],
    ['oscillating: hot now, cold before', [H, _, C, _, _, H, _, _, _, H], flat(10), 'oscillating'],
    ['historical: hot in >= 90% but not the last window', [H, H, H, H, H, H, H, H, H, H, _], falling(11), 'historical'],
  ])('%s', (_name, states, z, pattern) => {
    const result = classifyEmerging(Object.freeze([...states]), Object.freeze([...z]));
    expect(result.side).toBe('hot');
    expect(result.pattern).toBe(pattern);
  });

  it('mirrors the patterns for cold spots', () => {
    expect(classifyEmerging([_, _, _, _, C], [0, 0, 0, 0, -3])).toMatchObject({ side: 'cold', pattern: 'new' });
    expect(
      classifyEmerging(
        Array(10).fill(C),
        rising(10).map((z) => -z),
      ),
    ).toMatchObject({ side: 'cold', pattern: 'intensifying' });
  });

  it('finds no pattern where nothing is significant at the end and history is mixed', () => {
    expect(classifyEmerging([H, H, _, _, _, _], flat(6))).toMatchObject({ side: null, pattern: null, hotWindows: 2 });
  });

  it('needs one z per window', () => {
    expect(() => classifyEmerging([H, H], [1])).toThrow('one z per window');
  });
});
