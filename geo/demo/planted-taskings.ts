// Taskings planted in the demo data, each with a planted effect the results page should
// recover (issue 8, "Demo data"): a tasked cluster whose incidents halve while part of the
// fall turns up in the surrounding cells (displacement), one whose surroundings fall too
// (diffusion of benefits), one where nothing changes, and one with too few incidents to
// judge. Each uses a category no planted pattern uses, so the hotspot ground truth is
// untouched, and planted counts are exact per segment (not Poisson): the planted fall is
// realised exactly, and only the category's thin background blurs it. This file says what
// is planted; generate-planted-taskings.ts makes the incidents, records and visits.
import type { PlannedDosage } from '../taskings/koper';
import type { TimeBand } from '../taskings/time-bands';
import type { LngLat } from '../types';
import type { HourProfile } from './rhythms';

export type PlantedEffect = 'displacement' | 'diffusion' | 'no-effect' | 'too-few';
export const PLANTED_EFFECTS: readonly PlantedEffect[] = ['displacement', 'diffusion', 'no-effect', 'too-few'];

/** Resolution of the planted taskings' cells: a few streets per cell, as the meeting tasks. */
export const PLANTED_TASKING_RESOLUTION = 9;
/** Days from the tasking's start to the end of the data: the `during` period the results compare. */
export const PLANTED_DURING_DAYS = 42;
/** How long before the start the hot spot has been there (the evidence sees the last 28 days of it). */
const HOT_SPOT_LEAD_DAYS = 120;
/** The meeting tasks the place this many days before patrols start; the evidence is the 28 days before that. */
const CREATED_BEFORE_START_DAYS = 3;
const EVIDENCE_WINDOW_DAYS = 28;

export type PlantedArea = 'response' | 'buffer';

/** Exactly `incidents` incidents in the area, on days spread uniformly over the banded days of [fromDay, toDay). */
export interface PlantedSegment {
  area: PlantedArea;
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  incidents: number;
}

export interface PlantedTaskingSpec {
  /** Also the patternId of its incidents. */
  id: string;
  effect: PlantedEffect;
  place: string;
  description: string;
  category: string;
  centre: LngLat;
  /** Planted incidents fall inside the bands (results count only those when all data has times). None cross midnight. */
  timeBands: TimeBand[];
  hours: HourProfile;
  startDay: number;
  reviewDay: number;
  createdDay: number;
  evidenceWindow: { fromDay: number; toDay: number };
  segments: PlantedSegment[];
  /** The fall in the response area's daily rate the plant is built around, as a fraction (-0.5 = halved). */
  plannedFall: number;
  title: string;
  /** The problem as an analyst writes it, from the count in the evidence window. */
  problem: (evidenceCount: number) => string;
  objective: string;
  tactics: string[];
  team: string;
  owner: string;
  plannedDosage: PlannedDosage;
  officers: string[];
  visitNotes: string[];
}

/** Segment of `ratePerDay` x its calendar days, clipped to the data (the count shrinks with the clip). */
function segment(area: PlantedArea, fromDay: number, toDay: number, ratePerDay: number, dataStartDay: number): PlantedSegment[] {
  const from = Math.max(fromDay, dataStartDay);
  if (from >= toDay) return [];
  return [{ area, fromDay: from, toDay, incidents: Math.round(ratePerDay * (toDay - from)) }];
}

/**
 * The planted taskings for data covering [startDay, endDay), dated relative to endDay (the
 * day the app loads the data is "today"): every one started 42 days before the end and is
 * active. None when the data does not cover the 42 days before their start as well.
 */
export function plantedTaskings(startDay: number, endDay: number): PlantedTaskingSpec[] {
  const start = endDay - PLANTED_DURING_DAYS;
  const beforeFrom = start - PLANTED_DURING_DAYS;
  if (startDay > beforeFrom) return [];
  const lead = start - HOT_SPOT_LEAD_DAYS;
  const createdDay = start - CREATED_BEFORE_START_DAYS;
  const evidenceWindow = { fromDay: createdDay - EVIDENCE_WINDOW_DAYS, toDay: createdDay };
  const common = { startDay: start, createdDay, evidenceWindow, owner: 'chair' };
  const hotSpot = (area: PlantedArea, ratePerDay: number) => [
    ...segment(area, lead, beforeFrom, ratePerDay, startDay),
    ...segment(area, beforeFrom, start, ratePerDay, startDay),
  ];
  const during = (area: PlantedArea, ratePerDay: number) => segment(area, start, endDay, ratePerDay, startDay);

  return [
    {
      ...common,
      id: 'tasking-displacement',
      effect: 'displacement',
      place: 'Whitechapel Road',
      description:
        'Thefts from the person in three cells by the market and the station, 3.5 a day (12:00-20:00) for four months; ' +
        'halved to 1.75 a day once patrols start, while the cells around gain 0.9 a day: part of the fall moved next door.',
      category: 'theft-from-the-person',
      centre: [-0.065, 51.5165],
      timeBands: [{ weekdays: null, hours: '12-20' }],
      hours: 'theft',
      reviewDay: endDay - 3,
      segments: [...hotSpot('response', 3.5), ...during('response', 1.75), ...during('buffer', 0.9)],
      plannedFall: -0.5,
      title: 'Whitechapel Road theft from the person',
      problem: (n) =>
        `Gi* hot cluster: ${n} thefts from the person in 28 days around Whitechapel Road, most between 12:00 and 20:00; ` +
        'phones and purses taken by the market stalls and the station entrance.',
      objective: 'Halve thefts from the person around the market in six weeks without pushing them into the side streets.',
      tactics: ['high-visibility-patrol', 'plain-clothes-patrol'],
      team: 'theo',
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
      officers: ['THEO Ahmed', 'THEO Begum', 'THEO Clarke', 'THEO Novak'],
      visitNotes: ['Busy by the station exit', 'Spoke to stallholders about bag safety', 'Moved on two known shoulder-surfers', 'Quiet'],
    },
    {
      ...common,
      id: 'tasking-diffusion',
      effect: 'diffusion',
      place: 'Canary Wharf',
      description:
        'Bicycle thefts from the racks in three cells, 3.5 a day, and 2.5 a day in the cells around, for four months; once ' +
        'patrols start the tasked cells halve and the cells around fall by 60%: the benefit spread beyond the tasked cells. ' +
        'No time bands: thefts happen whenever the bikes are parked.',
      category: 'bicycle-theft',
      centre: [-0.0195, 51.5045],
      timeBands: [],
      hours: 'theft',
      reviewDay: endDay + 7,
      segments: [...hotSpot('response', 3.5), ...during('response', 1.75), ...hotSpot('buffer', 2.5), ...during('buffer', 1)],
      plannedFall: -0.5,
      title: 'Canary Wharf bicycle theft',
      problem: (n) =>
        `Gi* hot cluster: ${n} bicycle thefts in 28 days at the Canary Wharf cycle racks and the streets around, mostly in ` +
        'working hours; locks cut with angle grinders.',
      objective: 'Halve bicycle thefts at the racks in six weeks; get owners to register and lock properly.',
      tactics: ['high-visibility-patrol', 'environmental-design-out'],
      team: 'snt',
      plannedDosage: { visitsPerDay: 3, minutesPerVisit: 12 },
      officers: ['PCSO Islam', 'PC Doyle', 'PCSO Mensah'],
      visitNotes: ['Bike marking stall by the racks', 'Checked the racks under the DLR', 'Advised owners on D-locks', 'Quiet'],
    },
    {
      ...common,
      id: 'tasking-no-effect',
      effect: 'no-effect',
      place: 'Chrisp Street market',
      description: 'Shoplifting in three cells at the market, 2 a day (08:00-20:00) for four months, before and during the tasking alike: no effect.',
      category: 'shoplifting',
      centre: [-0.016, 51.5125],
      timeBands: [{ weekdays: null, hours: '8-20' }],
      hours: 'shop',
      reviewDay: endDay - 1,
      segments: [...hotSpot('response', 2), ...during('response', 2)],
      plannedFall: 0,
      title: 'Chrisp Street market shoplifting',
      problem: (n) =>
        `Gi* hot cluster: ${n} shoplifting offences in 28 days at Chrisp Street market, in trading hours; ` + 'traders report the same group most days.',
      objective: 'Cut shoplifting at the market by a third; identify the repeat offenders with the traders.',
      tactics: ['high-visibility-patrol', 'cctv-monitoring'],
      team: 'ptf',
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
      officers: ['PC Okafor', 'PC Hussain', 'PS Whitfield'],
      visitNotes: ['Walked the market with the manager', 'Checked the CCTV positions', 'Quiet'],
    },
    {
      ...common,
      id: 'tasking-too-few',
      effect: 'too-few',
      place: 'Bethnal Green',
      description:
        'Possession of weapons in three cells by the station on Friday and Saturday evenings: a spike of 3 in the evidence window, ' +
        '4 in the 42 days before the start and 3 during, too few to judge.',
      category: 'possession-of-weapons',
      centre: [-0.055, 51.5275],
      timeBands: [{ weekdays: 'fri,sat', hours: '18-23' }],
      hours: 'serious',
      reviewDay: endDay + 14,
      segments: [
        { area: 'response', fromDay: beforeFrom, toDay: evidenceWindow.fromDay, incidents: 1 },
        { area: 'response', fromDay: evidenceWindow.fromDay, toDay: evidenceWindow.toDay, incidents: 3 },
        { area: 'response', fromDay: start, toDay: endDay, incidents: 3 },
      ],
      plannedFall: 0,
      title: 'Bethnal Green weapons',
      problem: (n) =>
        `${n} weapons possession arrests in 28 days by Bethnal Green station, on Friday and Saturday evenings; ` +
        'community reports of young people carrying knives.',
      objective: 'Reassure residents and find any stored weapons around the station on Friday and Saturday evenings.',
      tactics: ['weapons-sweep', 'stop-and-search', 'youth-outreach'],
      team: 'snt',
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
      officers: ['PC Doyle', 'PCSO Islam', 'PS Whitfield'],
      visitNotes: ['Weapons sweep of the gardens: nothing found', 'Talked to the youth club staff', 'Quiet'],
    },
  ];
}
