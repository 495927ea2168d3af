import { describe, expect, it } from 'vitest';
import {
  camerasByTypeText,
  camerasSentence,
  coverageHeadline,
  cumulativeGains,
  harmAndBlindSentence,
  harmScoreNote,
  harmText,
  metresText,
  nearestText,
  shareText,
  sitingTotalSentence,
} from './cctv-words';

const figures = { incidents: 3437, incidentsCovered: 0.153, harmCovered: 0.121, hotCells: 24, hotCellsCovered: 10, blindHotCells: 14 };

describe('CCTV coverage in words', () => {
  it('says the headline with units and the threshold', () => {
    expect(coverageHeadline(figures, 'Violence and weapons', 0.25)).toBe(
      '15% of 3,437 incidents (Violence and weapons) in the window fall in view of a working camera; ' +
        '10 of 24 hot cells are covered (25% of the cell or more in view).',
    );
    expect(coverageHeadline({ ...figures, hotCells: 1, hotCellsCovered: 1 }, 'Robbery', 0.25)).toMatch(/; 1 of 1 hot cell is covered \(25% of/);
    expect(coverageHeadline({ ...figures, incidents: 0, incidentsCovered: null, hotCells: 0, hotCellsCovered: 0 }, 'Robbery', 0.25)).toBe(
      'No incidents (Robbery) in the window; no hot cells at 95% confidence or more.',
    );
  });

  it('says the harm share and how many hot cells are blind', () => {
    expect(harmAndBlindSentence(figures)).toBe('Weighted by harm, 12% of it is in view. 14 hot cells are blind: listed below, worst first.');
    expect(harmAndBlindSentence({ ...figures, harmCovered: null, blindHotCells: 1 })).toBe('1 hot cell is blind: listed below, worst first.');
    expect(harmAndBlindSentence({ ...figures, blindHotCells: 0 })).toMatch(/No hot cell is blind\.$/);
  });

  it('keeps a small share from reading as none', () => {
    expect(shareText(0)).toBe('0%');
    expect(shareText(0.004)).toBe('under 1%');
    expect(shareText(0.006)).toBe('1%');
    expect(shareText(1)).toBe('100%');
  });

  it('gives harm scores, distances and the nearest camera their units', () => {
    expect(harmText(12.345)).toBe('12.3');
    expect(harmText(99.96)).toBe('100');
    expect(harmText(1234.4)).toBe('1,234');
    expect(metresText(1239.6)).toBe('1,240 m');
    expect(nearestText({ id: 'TH-042', distanceMeters: 140.2 })).toBe('140 m (TH-042)');
    expect(nearestText(null)).toBe('no working camera');
  });

  it('counts the cameras by status and by type', () => {
    expect(camerasSentence({ stored: 380, working: 344, faulty: 28, removed: 8 })).toBe(
      '380 cameras: 344 working, 28 faulty, 8 removed. Only working cameras count.',
    );
    expect(camerasSentence({ stored: 0 })).toBe('No cameras are stored.');
    expect(camerasByTypeText(['ptz', 'fixed', 'fixed', 'redeployable', 'anpr', 'fixed'])).toBe('3 fixed, 1 PTZ, 1 ANPR, 1 redeployable');
  });

  it('says what the harm score weighs', () => {
    expect(
      harmScoreNote(
        [
          { category: 'violent-crime', basis: 'severity' },
          { category: 'anti-social-behaviour', basis: 'count' },
        ],
        (slug) => slug.replace(/-/g, ' '),
      ),
    ).toBe(
      'Harm score: each incident weighted by its Crime Severity Score (the average days of custody its offence is sentenced to); anti social behaviour count 1 each.',
    );
  });

  it('totals the proposed sites against what is not yet in view, and says when fewer add anything', () => {
    const sites = [{ marginalGain: 200 }, { marginalGain: 120.5 }, { marginalGain: 92 }];
    expect(cumulativeGains(sites)).toEqual([200, 320.5, 412.5]);
    expect(sitingTotalSentence({ sites, total: 412.5, uncovered: 2291, requested: 3, rangeMeters: 80 })).toBe(
      'The 3 sites newly cover a harm score of 413, 18% of the 2,291 not yet in view (each camera a circle of 80 m).',
    );
    expect(sitingTotalSentence({ sites: sites.slice(0, 1), total: 20, uncovered: 20, requested: 5, rangeMeters: 80 })).toBe(
      'The 1 site newly covers a harm score of 20, 100% of the 20 not yet in view (each camera a circle of 80 m). Only 1 site adds anything; more cameras would watch nothing new.',
    );
    expect(sitingTotalSentence({ sites: [], total: 0, uncovered: 0, requested: 5, rangeMeters: 80 })).toMatch(/^No site would watch anything/);
  });
});
