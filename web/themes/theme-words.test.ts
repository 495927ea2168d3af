import { describe, expect, it } from 'vitest';
import {
  assumedCalendarText,
  boroughRateSentence,
  busiestHoursInWords,
  countOf,
  dwellingsSentence,
  messageForScreen,
  persistenceWindowsText,
  rateCell,
  signedChange,
  standsOutText,
} from './theme-words';

describe('theme words', () => {
  it('puts a noun on every count', () => {
    expect(countOf(1, ['robbery'])).toBe('1 robbery');
    expect(countOf(12, ['robbery'])).toBe('12 robberies');
    expect(countOf(2, ['robbery', 'theft-from-the-person'])).toBe('2 robberies and thefts');
    expect(countOf(1, ['theft-from-the-person'])).toBe('1 theft from the person');
  });

  it('signs a change with a true minus and says no change', () => {
    expect(signedChange(12)).toBe('+12');
    expect(signedChange(-2)).toBe('−2');
    expect(signedChange(0)).toBe('no change');
  });

  it('says whether a school stands out with the expected count', () => {
    expect(standsOutText({ expected: 2.46, standsOut: true })).toBe('Stands out: 2.5 expected');
    expect(standsOutText({ expected: 0.04, standsOut: false })).toBe('No: 0 expected');
    expect(standsOutText(null)).toBe('cannot compare');
  });

  it('gives the positive outcome rate as a percentage with n of m, and words when there is none', () => {
    expect(rateCell({ positive: 14, of: 40, rate: 0.35 })).toBe('35% (14 of 40)');
    expect(rateCell({ positive: 0, of: 0, rate: null })).toBe('no searches with a known outcome');
    expect(boroughRateSentence({ positive: 14, of: 40, rate: 0.35 }, 'outcome other than no further action')).toBe(
      'Borough-wide, 35% of 40 drug searches with a known outcome had an outcome other than no further action (14 of 40).',
    );
    expect(boroughRateSentence({ positive: 0, of: 0, rate: null }, 'x')).toMatch(/no drug search in the window has a known outcome/);
  });

  it('names the windows the persistence is judged over', () => {
    const months = ['05', '06', '07', '08', '09', '10'].map((m, k, all) => ({
      from: `2018-${m}-01`,
      to: k + 1 < all.length ? `2018-${all[k + 1]}-01` : '2018-11-01',
    }));
    expect(persistenceWindowsText(months, { unit: 'months', months: 1 })).toBe('6 windows of 1 calendar month each, 1 May 2018 – 31 Oct 2018');
    expect(persistenceWindowsText(months.slice(0, 1), { unit: 'days', days: 28 })).toBe('1 window of 28 days each, 1 May 2018 – 31 May 2018');
  });

  it('says which school years use assumed term dates', () => {
    expect(assumedCalendarText({ assumed: false, years: [{ schoolYear: '2025-26', source: 'imported' }] })).toBeNull();
    expect(
      assumedCalendarText({
        assumed: true,
        years: [
          { schoolYear: '2025-26', source: 'imported' },
          { schoolYear: '2026-27', source: 'assumed-default' },
        ],
      }),
    ).toBe('Term dates for school year 2026-27 are assumed (the default Tower Hamlets calendar): no school calendar is imported for it.');
    expect(
      assumedCalendarText({
        assumed: true,
        years: [
          { schoolYear: '2025-26', source: 'assumed-default' },
          { schoolYear: '2026-27', source: 'assumed-default' },
        ],
      }),
    ).toMatch(/^Term dates for school years 2025-26 and 2026-27 are assumed .* for them\.$/);
  });

  it("shows the server's reason without the parameter it names", () => {
    const refused = { status: 400, signedOut: false, code: 'invalid_parameter' };
    expect(messageForScreen({ ...refused, message: 'to: the window may span at most 92 days (three months)' })).toBe(
      'The window may span at most 92 days (three months).',
    );
    expect(messageForScreen({ ...refused, message: 'bufferMeters: expected 100..1000 metres; to: must be after from (the window is [from, to))' })).toBe(
      'Expected 100..1000 metres. Must be after from (the window is [from, to)).',
    );
    // Anything else is the server's message as it came.
    expect(messageForScreen({ status: 503, signedOut: false, message: 'The index is being rebuilt; try again in a minute.' })).toBe(
      'The index is being rebuilt; try again in a minute.',
    );
  });
});

describe('serious violence in words', () => {
  const totals = { layer: 10961, borough: 13626, dwellingsLeftOut: 2665 };

  it('says what the tasking view leaves out and what the borough total counts, with both figures', () => {
    expect(dwellingsSentence({ meta: { definition: 'partner', includeDwellings: 'exclude' }, totals })).toBe(
      '2,665 incidents inside a home (domestic abuse at home) are left out of the map, which shows 10,961 incidents; the borough total of 13,626 counts them.',
    );
    expect(dwellingsSentence({ meta: { definition: 'partner', includeDwellings: 'exclude' }, totals: { layer: 5, borough: 6, dwellingsLeftOut: 1 } })).toMatch(
      /^1 incident inside a home \(domestic abuse at home\) is left out/,
    );
    expect(
      dwellingsSentence({ meta: { definition: 'partner', includeDwellings: 'include' }, totals: { layer: 13626, borough: 13626, dwellingsLeftOut: 0 } }),
    ).toBe('Domestic abuse and other incidents inside homes are counted: 13,626 incidents on the map, the borough total.');
    // police.uk cannot tell homes apart: the sentence says so rather than claim a number left out.
    expect(dwellingsSentence({ meta: { definition: 'police-uk-monthly', includeDwellings: 'exclude' }, totals })).toMatch(/cannot be left out/);
  });

  it('names the busiest three hours with their share and the peak hour', () => {
    const byHour = new Array<number>(24).fill(0);
    byHour[8] = 2;
    byHour[9] = 5;
    byHour[10] = 1;
    byHour[21] = 2;
    // 8 of 10 between 08:00 and 11:00.
    expect(busiestHoursInWords(byHour)).toBe('busiest 08:00–11:00 (80%), peak hour 09:00');
    expect(busiestHoursInWords(new Array<number>(24).fill(0))).toBe('none with a time of day');
  });
});
