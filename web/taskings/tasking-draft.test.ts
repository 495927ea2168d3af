import { describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance } from '../../geo/h3';
import {
  bandDraftOf,
  bandOf,
  changesOf,
  draftOfTasking,
  emptyDraft,
  formFieldOf,
  hotspotCluster,
  newTaskingOf,
  problemOfHotspot,
  problemsByField,
} from './tasking-draft';
import type { Tasking } from './tasking-api';

const CENTRE = cellAt(-0.0597, 51.5194, 9);
const [n1, n2, n3] = cellsWithinDistance(CENTRE, 1)
  .filter((c) => c !== CENTRE)
  .sort();

describe('tasking form rules', () => {
  it('takes a hot spot as its cell and the significant hot neighbours that hold incidents', () => {
    const cells = Object.freeze([
      { cell: CENTRE, bin: 3, count: 20 },
      { cell: n1!, bin: 2, count: 4 },
      { cell: n2!, bin: 3, count: 0 }, // lifted by Gi*, nothing happened there
      { cell: n3!, bin: 0, count: 6 }, // busy but not significant
      { cell: cellAt(-0.03, 51.52, 9), bin: 3, count: 9 }, // hot, but not touching
    ]);
    const cluster = hotspotCluster(CENTRE, cells);
    expect(cluster.map((c) => c.cell).sort()).toEqual([CENTRE, n1].sort());
    expect(problemOfHotspot(cluster, 'Robbery', '1 Nov to 28 Nov 2026')).toBe('Gi* 99% hot spot (2 cells): 24 robbery incidents, 1 Nov to 28 Nov 2026');
  });

  it('sends the area as cells when picked and as a polygon with a resolution when drawn', () => {
    const draft = emptyDraft({ today: '2026-12-02', theme: 'robbery', team: 'theo', owner: 'chair', resolution: 9 });
    expect(draft.reviewDate).toBe('2026-12-30');
    const picked = newTaskingOf({ ...draft, area: { resolution: 9, cells: [CENTRE], polygon: null } });
    expect(picked).toMatchObject({ cells: [CENTRE], plannedDosage: null, timeBands: [] });
    expect('resolution' in picked).toBe(false);
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ] as [number, number][],
      ],
    };
    const drawn = newTaskingOf({ ...draft, area: { resolution: 10, cells: [], polygon } });
    expect(drawn).toMatchObject({ polygon, resolution: 10 });
    expect('cells' in drawn).toBe(false);
  });

  it('writes bands as the filter syntax and reads them back', () => {
    expect(bandOf({ weekdays: 'mon-fri', fromHour: 15, toHour: 18 })).toEqual({ weekdays: 'mon-fri', hours: '15-18' });
    expect(bandOf({ weekdays: '', fromHour: null, toHour: null })).toEqual({ weekdays: null, hours: null });
    expect(bandDraftOf({ weekdays: null, hours: '22-2' })).toEqual({ weekdays: '', fromHour: 22, toHour: 2 });
    // A band the form's choices cannot show is kept exactly, so editing the title never widens it.
    const stored = { weekdays: 'tue,thu', hours: '22-2,5-6' };
    expect(bandOf(bandDraftOf(stored))).toEqual(stored);
  });

  it('puts each server refusal beside its field', () => {
    expect(formFieldOf('timeBands.0.hours')).toBe('bands');
    expect(formFieldOf('plannedDosage.visitsPerDay')).toBe('dosage');
    expect(formFieldOf('cells')).toBe('area');
    expect(formFieldOf('colour')).toBe('general');
    expect(
      problemsByField([
        { field: 'tactics.1', message: 'unknown tactic "dogs"' },
        { field: 'tactics.2', message: 'unknown tactic "cats"' },
      ]),
    ).toEqual({
      tactics: ['unknown tactic "dogs"', 'unknown tactic "cats"'],
    });
  });

  it('sends only what changed, with the version, and only the planner’s fields for a planner', () => {
    const tasking = {
      id: 4,
      version: 3,
      title: 'A',
      theme: 'robbery',
      problem: 'p',
      objective: 'o',
      startDate: '2026-11-01',
      reviewDate: '2026-11-29',
      endDate: null,
      status: 'active',
      tactics: ['youth-outreach'],
      team: 'theo',
      owner: 'chair',
      timeBands: [{ weekdays: 'mon-fri', hours: '15-18' }],
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
      resolution: 9,
      cells: [CENTRE],
      polygon: null,
    } as unknown as Tasking;
    const draft = draftOfTasking(tasking);
    expect(changesOf(tasking, draft, null)).toEqual({ version: 3 });
    const edited = { ...draft, title: 'B', team: 'ptf', minutesPerVisit: '12' };
    expect(changesOf(tasking, edited, null)).toEqual({ version: 3, title: 'B', team: 'ptf', plannedDosage: { visitsPerDay: 2, minutesPerVisit: 12 } });
    expect(changesOf(tasking, edited, ['team', 'owner', 'dosage'])).toEqual({
      version: 3,
      team: 'ptf',
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 12 },
    });
    // A redrawn shape goes with the cell size to cover it with.
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ] as [number, number][],
      ],
    };
    expect(changesOf(tasking, { ...draft, area: { resolution: 9, cells: [], polygon } }, null)).toEqual({ version: 3, polygon, resolution: 9 });
  });
});
