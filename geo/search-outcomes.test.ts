import { describe, expect, it } from 'vitest';
import {
  addOutcomeCounts,
  classifyAgeRange,
  classifyObject,
  classifyOfficerDefinedEthnicity,
  classifyOutcome,
  classifySelfDefinedEthnicity,
  NO_SEARCHES,
  outcomeCountsOf,
  OUTCOME_CLASSES,
  parseTrueFalse,
  positiveOutcomeRate,
} from './search-outcomes';

describe('outcome classes', () => {
  // Every outcome word of the real Tower Hamlets file 2016-06..2019-02 (../shared/data/crime), with
  // the class it belongs to written out by hand from police.uk's meanings.
  it.each([
    ['A no further action disposal', 'no-further-action'],
    ['Nothing found - no further action', 'no-further-action'],
    ['Suspect arrested', 'arrest'],
    ['Arrest', 'arrest'],
    ['Offender given drugs possession warning', 'drugs-warning'],
    ['Khat or Cannabis warning', 'drugs-warning'],
    ['Community resolution', 'community-resolution'],
    ['Local resolution', 'community-resolution'],
    ['Penalty Notice for Disorder', 'penalty-notice'],
    ['Offender given penalty notice', 'penalty-notice'],
    ['Summons / charged by post', 'summons-charge'],
    ['Suspect summonsed to court', 'summons-charge'],
    ['Offender cautioned', 'caution'],
    ['Caution (simple or conditional)', 'caution'],
    ['Article found - Detailed outcome unavailable', 'article-found'],
  ])('"%s" is %s', (words, expected) => {
    expect(classifyOutcome(words)).toBe(expected);
  });

  it('ignores case and spacing, and says what it does not know', () => {
    expect(classifyOutcome('  nothing found-No further  action ')).toBe('no-further-action');
    expect(classifyOutcome('Summons/charged by post')).toBe('summons-charge');
    expect(classifyOutcome('')).toBe('not-recorded');
    expect(classifyOutcome('Released under investigation')).toBe('unrecognised');
  });

  it('counts as positive every class but no further action, and neither for the unknown ones', () => {
    expect(OUTCOME_CLASSES.filter((c) => c.positive === false).map((c) => c.id)).toEqual(['no-further-action']);
    expect(OUTCOME_CLASSES.filter((c) => c.positive === null).map((c) => c.id)).toEqual(['not-recorded', 'unrecognised']);
  });
});

describe('object of search, ethnicity and age classes', () => {
  it('classes the objects of search', () => {
    expect(classifyObject('Controlled drugs')).toBe('drugs');
    expect(classifyObject('Anything to threaten or harm anyone')).toBe('weapons');
    expect(classifyObject('Offensive weapons')).toBe('weapons');
    expect(classifyObject('Articles for use in criminal damage')).toBe('criminal-damage');
    expect(classifyObject('Evidence of offences under the Act')).toBe('evidence-of-offences');
    expect(classifyObject('Psychoactive substances')).toBe('other');
    expect(classifyObject('')).toBe('not-recorded');
    expect(classifyObject('Bananas')).toBe('unrecognised');
  });

  it('groups self-defined ethnicity by census group across the 2001 and 2011 codes', () => {
    expect(classifySelfDefinedEthnicity('Asian/Asian British - Bangladeshi')).toBe('asian');
    expect(classifySelfDefinedEthnicity('Asian or Asian British - Bangladeshi (A3)')).toBe('asian');
    expect(classifySelfDefinedEthnicity('Chinese or other ethnic group - Chinese (O1)')).toBe('asian');
    expect(classifySelfDefinedEthnicity('Chinese or other ethnic group - Any other ethnic group (O9)')).toBe('other');
    expect(classifySelfDefinedEthnicity('Black/African/Caribbean/Black British - African')).toBe('black');
    expect(classifySelfDefinedEthnicity('Mixed - White and Black Caribbean (M1)')).toBe('mixed');
    expect(classifySelfDefinedEthnicity('White - English/Welsh/Scottish/Northern Irish/British')).toBe('white');
    expect(classifySelfDefinedEthnicity('Other ethnic group - Not stated')).toBe('not-stated');
    expect(classifySelfDefinedEthnicity('Not Stated (NS)')).toBe('not-stated');
    expect(classifySelfDefinedEthnicity('Other ethnic group - Any other ethnic group')).toBe('other');
    expect(classifySelfDefinedEthnicity('')).toBe('not-recorded');
    expect(classifySelfDefinedEthnicity('Martian')).toBe('unrecognised');
  });

  it('classes officer-defined ethnicity and age ranges', () => {
    expect(['Asian', 'Black', 'White', 'Other', '', 'Purple'].map(classifyOfficerDefinedEthnicity)).toEqual([
      'asian',
      'black',
      'white',
      'other',
      'not-recorded',
      'unrecognised',
    ]);
    expect(['under 10', '10-17', '18-24', '25-34', 'over 34', '', '35-44'].map(classifyAgeRange)).toEqual([
      'under-10',
      '10-17',
      '18-24',
      '25-34',
      'over-34',
      'not-recorded',
      'unrecognised',
    ]);
  });

  it('reads True and False, any case, and nothing else', () => {
    expect(['True', 'false', ' TRUE ', '', 'yes'].map(parseTrueFalse)).toEqual([true, false, true, null, null]);
  });
});

describe('positive outcome rates', () => {
  const sum = (...parts: ReturnType<typeof outcomeCountsOf>[]) => parts.reduce(addOutcomeCounts, NO_SEARCHES);

  it('uses "outcome other than no further action" when the link is not recorded, leaving unknown outcomes out', () => {
    // 6 arrests, 14 no further action, 5 unrecognised: 6 of 20 known outcomes.
    const counts = sum(outcomeCountsOf('arrest', null, 6), outcomeCountsOf('no-further-action', null, 14), outcomeCountsOf('unrecognised', null, 5));
    expect(counts).toEqual({ searches: 25, outcomeKnown: 20, positive: 6, linkRecorded: 0, positiveLinked: 0 });
    expect(positiveOutcomeRate(counts)).toEqual({
      measure: 'outcome-other-than-no-further-action',
      label: 'outcome other than no further action',
      positive: 6,
      of: 20,
      rate: 0.3,
    });
  });

  it('uses "outcome linked to the object of search" only when every known outcome has the link', () => {
    // 4 arrests linked, 2 arrests not linked, 10 no further action, all with the link filled: 4 of 16.
    const linked = sum(outcomeCountsOf('arrest', true, 4), outcomeCountsOf('arrest', false, 2), outcomeCountsOf('no-further-action', false, 10));
    expect(positiveOutcomeRate(linked)).toMatchObject({ measure: 'outcome-linked-to-object-of-search', positive: 4, of: 16, rate: 0.25 });
    // One more file without the link: the mix gets the measure all of it allows (6 + 1 of 16 + 3).
    const mixed = sum(linked, outcomeCountsOf('arrest', null, 1), outcomeCountsOf('no-further-action', null, 2));
    expect(positiveOutcomeRate(mixed)).toMatchObject({ measure: 'outcome-other-than-no-further-action', positive: 7, of: 19 });
    expect(positiveOutcomeRate(NO_SEARCHES)).toMatchObject({ measure: 'outcome-other-than-no-further-action', positive: 0, of: 0, rate: null });
  });
});
