import { describe, expect, it } from 'vitest';
import { CATEGORIES, categoryBySlug } from './categories';
import { HARM_INDEX, HARM_WEIGHTS, harmPlan, harmWeightOf } from './harm-weights';

function weightOf(slug: string): number {
  const use = harmWeightOf(slug, { includeProactive: true });
  if (!use.ok) throw new Error(use.reason);
  return use.value.weight;
}

describe('harm weights', () => {
  it('has exactly one entry per category, proactive exactly where categories.ts says so', () => {
    expect(HARM_WEIGHTS.map((e) => e.slug).sort()).toEqual(CATEGORIES.map((c) => c.slug).sort());
    for (const entry of HARM_WEIGHTS) expect(entry.basis === 'proactive').toBe(categoryBySlug(entry.slug)!.proactive);
  });

  it('orders the crimes the way sentencing does', () => {
    const order = ['serious-violence', 'robbery', 'knife-crime', 'burglary', 'violent-crime', 'theft-from-the-person', 'other-theft', 'shoplifting'];
    const weights = order.map(weightOf);
    for (let i = 1; i < weights.length; i++) expect(weights[i - 1]!).toBeGreaterThan(weights[i]!);
    expect(weightOf('robbery')).toBeGreaterThan(50 * weightOf('shoplifting'));
  });

  it('keeps proactive offences apart from harm and refuses layers with nothing to weigh, in words', () => {
    expect(harmPlan(['violent-crime', 'possession-of-weapons', 'knife-crime'])).toEqual({
      ok: true,
      value: {
        weighted: [
          { slug: 'violent-crime', weight: 283.43 },
          { slug: 'knife-crime', weight: 465.4 },
        ],
        proactive: ['possession-of-weapons'],
        notCrimes: [],
      },
    });
    expect(harmPlan(['anti-social-behaviour', 'drug-related-asb'])).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^Nothing in this layer can be weighted by harm: Anti-social behaviour, Drug-related ASB report \(partner\) are not a crime/,
      ),
    });
    expect(harmPlan(['drugs'])).toEqual({ ok: false, reason: expect.stringContaining('found by police activity') });
    expect(harmPlan(['drugs'], { includeProactive: true })).toEqual({
      ok: true,
      value: { weighted: [{ slug: 'drugs', weight: 43.12 }], proactive: [], notCrimes: [] },
    });
    expect(harmPlan(['drugs-stop-search'], { includeProactive: true }).ok).toBe(false);
  });

  it('is frozen and says where it comes from', () => {
    expect(Object.isFrozen(HARM_WEIGHTS)).toBe(true);
    expect(Object.isFrozen(HARM_WEIGHTS[0])).toBe(true);
    expect(HARM_INDEX).toMatchObject({ name: 'ONS Crime Severity Score weights', table: 'docs/data/ons-css-offence-weights.csv' });
    expect(HARM_INDEX.unit).toMatch(/days of custody/);
  });
});
