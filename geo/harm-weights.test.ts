import { describe, expect, it } from 'vitest';
import { CATEGORIES, categoryBySlug } from './categories';
import { HARM_INDEX, HARM_WEIGHTS, harmWeightOf, harmWeightsFor } from './harm-weights';

function weightOf(slug: string, includeProactive = false): number {
  const use = harmWeightOf(slug, { includeProactive });
  if (!use.ok) throw new Error(use.reason);
  return use.value.weight;
}

describe('HARM_WEIGHTS', () => {
  it('has exactly one entry per category in geo/categories.ts', () => {
    expect(HARM_WEIGHTS.map((e) => e.slug).sort()).toEqual(CATEGORIES.map((c) => c.slug).sort());
  });

  it('marks as proactive exactly the categories categories.ts calls proactive', () => {
    for (const entry of HARM_WEIGHTS) {
      expect(entry.basis === 'proactive').toBe(categoryBySlug(entry.slug)!.proactive);
    }
  });

  it('derives each CSS weight as the share-weighted mean of its constituent offences', () => {
    for (const entry of HARM_WEIGHTS) {
      if (entry.constituents.length === 0) {
        expect(entry.cssWeight).toBeNull();
        continue;
      }
      const shares = entry.constituents.reduce((sum, c) => sum + c.share, 0);
      expect(shares).toBeGreaterThan(0.95);
      expect(shares).toBeLessThan(1.05);
      const mean = entry.constituents.reduce((sum, c) => sum + c.share * c.cssWeight, 0) / shares;
      expect(entry.cssWeight).toBe(Math.round(mean));
      expect(entry.cssWeight).toBeGreaterThan(0);
    }
  });

  it('orders the crimes the way sentencing does', () => {
    const order = ['serious-violence', 'knife-crime', 'robbery', 'burglary', 'violent-crime', 'theft-from-the-person', 'other-theft', 'shoplifting', 'bicycle-theft'];
    const weights = order.map((slug) => weightOf(slug));
    for (let i = 1; i < weights.length; i++) expect(weights[i - 1]!).toBeGreaterThan(weights[i]!);
    expect(weightOf('robbery')).toBeGreaterThan(50 * weightOf('shoplifting'));
  });

  it('is frozen and says where it comes from', () => {
    expect(Object.isFrozen(HARM_WEIGHTS)).toBe(true);
    expect(Object.isFrozen(HARM_WEIGHTS[0])).toBe(true);
    expect(HARM_INDEX.name).toMatch(/Crime Severity Score/);
    expect(HARM_INDEX.unit).toMatch(/days of custody/);
    expect(HARM_INDEX.release).toMatch(/20\d\d/);
  });
});

describe('harmWeightOf', () => {
  it('counts proactive offences as 1 unless the caller opts in', () => {
    expect(harmWeightOf('drugs')).toMatchObject({ ok: true, value: { weight: 1, treatment: 'count' } });
    expect(harmWeightOf('possession-of-weapons')).toMatchObject({ ok: true, value: { weight: 1, treatment: 'count' } });
    expect(weightOf('drugs', true)).toBeGreaterThan(1);
    expect(weightOf('possession-of-weapons', true)).toBeGreaterThan(1);
  });

  it('always counts a drugs stop and search as 1: it is police activity, not an offence', () => {
    expect(harmWeightOf('drugs-stop-search', { includeProactive: true })).toMatchObject({ ok: true, value: { weight: 1, treatment: 'count' } });
  });

  it('excludes anti-social behaviour: not a crime, no CSS weight', () => {
    expect(harmWeightOf('anti-social-behaviour')).toMatchObject({ ok: true, value: { weight: 0, treatment: 'excluded' } });
    expect(harmWeightOf('drug-related-asb')).toMatchObject({ ok: true, value: { weight: 0, treatment: 'excluded' } });
  });

  it('refuses an unknown slug by name', () => {
    const result = harmWeightOf('Robbery');
    expect(!result.ok && result.reason).toMatch(/unknown category "Robbery"/);
  });
});

describe('harmWeightsFor', () => {
  it('gives a weight per slug in order and lists the counted and excluded ones', () => {
    const slugs = Object.freeze(['robbery', 'drugs', 'anti-social-behaviour', 'burglary']);
    const result = harmWeightsFor(slugs);
    if (!result.ok) throw new Error(result.reason);
    expect([...result.value.weights]).toEqual([weightOf('robbery'), 1, 0, weightOf('burglary')]);
    expect(result.value.countedAsOne).toEqual(['drugs']);
    expect(result.value.excluded).toEqual(['anti-social-behaviour']);
  });

  it('refuses a selection with no harm weight at all, telling the caller to show counts', () => {
    const result = harmWeightsFor(['anti-social-behaviour', 'drug-related-asb']);
    expect(!result.ok && result.reason).toMatch(/show them as counts/);
    expect(harmWeightsFor(['robbery', 'nope']).ok).toBe(false);
  });
});
