import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import { describe, expect, it, vi } from 'vitest';
import { CATEGORIES } from '../../geo/categories';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import type { IncidentDraft, TimePrecision } from '../../geo/types';
import { GRID_CODES, IncidentRowsBuilder, PRECISION_CODES, rowsFromDrafts, type IncidentRows, type LocatedRows } from '../store/incident-columns';
import { cellText } from '../store/chunk-codec';
import { BRITISH_NATIONAL_GRID, bngToLngLat, LocatePipeline, locatedDrafts, locateRowsHere } from './locate-rows';
import { seededRandom } from '../../geo/seeded-random';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Rows as an import hands them over: WGS84 points in the UK box and British National Grid
 * metres across the grid, half of them in and around Tower Hamlets, with repeats (police.uk
 * snap points repeat, which is what the main thread's cache is for).
 */
function mixedRows(n: number, seed: number): IncidentRows {
  const random = seededRandom(seed);
  const rows = new IncidentRowsBuilder(16);
  for (let i = 0; i < n; i++) {
    if (i > 10 && random() < 0.2) {
      const j = Math.floor(random() * i);
      rows.push(i + 2, null, 0, PRECISION_CODES.minute, 19_800, 0, rows.grid[j]!, rows.x[j]!, rows.y[j]!);
      continue;
    }
    const local = random() < 0.5;
    if (random() < 0.5) {
      const lng = local ? round6(-0.08 + random() * 0.08) : -11 + random() * 14;
      const lat = local ? round6(51.48 + random() * 0.06) : 49 + random() * 12;
      rows.push(i + 2, `W${i}`, 0, PRECISION_CODES.minute, 19_800, 0, GRID_CODES.wgs84, lng, lat);
    } else {
      const e = local ? 532_000 + random() * 7_000 : random() * 700_000;
      const nn = local ? 179_000 + random() * 5_000 : random() * 1_300_000;
      // Whole metres, as most partner systems export, and fractions of a metre.
      rows.push(i + 2, `B${i}`, 0, PRECISION_CODES.minute, 19_800, 0, GRID_CODES.bng, random() < 0.5 ? Math.round(e) : e, random() < 0.5 ? Math.round(nn) : nn);
    }
  }
  // The corners: negative zero, the grid's origin and far corner.
  rows.push(n + 2, null, 0, PRECISION_CODES.minute, 19_800, 0, GRID_CODES.wgs84, -0, 51.5);
  rows.push(n + 3, null, 0, PRECISION_CODES.minute, 19_800, 0, GRID_CODES.bng, 0, 0);
  rows.push(n + 4, null, 0, PRECISION_CODES.minute, 19_800, 0, GRID_CODES.bng, 700_000, 1_300_000);
  return rows.finish();
}

/** First row where two located results differ in any bit, or -1. */
function firstDifference(a: LocatedRows, b: LocatedRows): number {
  const n = Math.max(a.lng.length, b.lng.length);
  for (let i = 0; i < n; i++) {
    const same = Object.is(a.lng[i], b.lng[i]) && Object.is(a.lat[i], b.lat[i]) && a.cellHi[i] === b.cellHi[i] && a.cellLo[i] === b.cellLo[i];
    if (!same) return i;
  }
  return -1;
}

function describeRow(rows: IncidentRows, located: LocatedRows, i: number): string {
  return `row ${i}: grid ${rows.grid[i]} x ${rows.x[i]} y ${rows.y[i]} -> ${located.lng[i]}, ${located.lat[i]}, ${cellText(located.cellHi[i]!, located.cellLo[i]!)}`;
}

/**
 * A stand-in for node:worker_threads' Worker that never starts a chunk: every chunk is still
 * unclaimed when parsing ends, whatever the machine's speed.
 */
class IdleWorker {
  on(): this {
    return this;
  }
  postMessage(): void {}
  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

describe('LocatePipeline', () => {
  // Each worker holds a MessagePort open; none may be left once a pipeline stops. Each test
  // counts its own baseline, so no test relies on another having cleaned up first.
  const openPorts = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

  it('gives exactly what locateRowsHere gives, over uneven chunks the workers take', async () => {
    const rows = mixedRows(40_000, 1);
    const here = locateRowsHere(rows);
    const pipeline = new LocatePipeline();
    const cuts = [0, 12_345, 12_346, 31_000, rows.length];
    for (let k = 0; k + 1 < cuts.length; k++) pipeline.feed(rows, cuts[k]!, cuts[k + 1]!);
    // Wait until the workers have located every chunk, so this checks their results, not this thread's.
    await pipeline.locatedByWorkers();
    const piped = await pipeline.finish(rows.length);
    expect([pipeline.chunksLocatedByWorkers, pipeline.chunksLocatedHere]).toEqual([cuts.length - 1, 0]);
    expect(piped.lng).toHaveLength(rows.length);
    const at = firstDifference(here, piped);
    expect(at === -1 ? 'same' : `${describeRow(rows, here, at)} here, ${describeRow(rows, piped, at)} in workers`).toBe('same');
  });

  it('takes chunks straight from the row builder while rows are still being pushed', async () => {
    const source = mixedRows(30_000, 2);
    const pipeline = new LocatePipeline();
    const rows = new IncidentRowsBuilder(16, { rows: 7_000, onChunk: (r, from, to) => pipeline.feed(r, from, to) });
    for (let i = 0; i < source.length; i++) {
      rows.push(source.line[i]!, null, 0, PRECISION_CODES.minute, 19_800, 0, source.grid[i]!, source.x[i]!, source.y[i]!);
    }
    rows.finish();
    const piped = await pipeline.finish(rows.length);
    // Who took which chunk is a race (workers or this thread); that every chunk was taken once is not.
    expect(pipeline.chunksLocatedHere + pipeline.chunksLocatedByWorkers).toBe(Math.ceil(rows.length / 7_000));
    const here = locateRowsHere(source);
    const at = firstDifference(here, piped);
    expect(at === -1 ? 'same' : describeRow(source, piped, at)).toBe('same');
  });

  it('locates on this thread the chunks no worker has started by the time parsing ends', async () => {
    // Workers that never start a chunk, so this thread takes every one, from the end, for certain.
    vi.resetModules();
    vi.doMock('node:worker_threads', () => ({ Worker: IdleWorker }));
    try {
      const { LocatePipeline: PipelineWithIdleWorkers } = await import('./locate-rows');
      expect(PipelineWithIdleWorkers).not.toBe(LocatePipeline);
      const portsBefore = openPorts();
      const rows = mixedRows(20_000, 7);
      const pipeline = new PipelineWithIdleWorkers();
      for (let from = 0; from < rows.length; from += 1_000) pipeline.feed(rows, from, Math.min(rows.length, from + 1_000));
      // No real worker was started (a real one would hold a MessagePort open).
      expect(openPorts()).toBe(portsBefore);
      const piped = await pipeline.finish(rows.length);
      expect([pipeline.chunksLocatedHere, pipeline.chunksLocatedByWorkers]).toEqual([21, 0]);
      const at = firstDifference(locateRowsHere(rows), piped);
      expect(at === -1 ? 'same' : describeRow(rows, piped, at)).toBe('same');
    } finally {
      vi.doUnmock('node:worker_threads');
      vi.resetModules();
    }
  });

  it('closes every worker it started once finish is done', async () => {
    const portsBefore = openPorts();
    const rows = mixedRows(5_000, 8);
    const pipeline = new LocatePipeline();
    pipeline.feed(rows, 0, 2_000);
    pipeline.feed(rows, 2_000, rows.length);
    expect(openPorts()).toBeGreaterThan(portsBefore);
    await pipeline.finish(rows.length);
    expect(openPorts()).toBe(portsBefore);
  });

  it('gives an empty result when nothing was fed', async () => {
    const located = await new LocatePipeline().finish(0);
    expect(located.lng).toHaveLength(0);
  });

  it('reports a row h3-js cannot index as a failure of finish, and still stops', async () => {
    const portsBefore = openPorts();
    const rows = new IncidentRowsBuilder(16);
    rows.push(2, null, 0, PRECISION_CODES.minute, 0, 0, GRID_CODES.wgs84, Number.NaN, 51.5);
    const pipeline = new LocatePipeline();
    pipeline.feed(rows, 0, 1);
    await expect(pipeline.finish(1)).rejects.toThrow(/^locating rows failed: /);
    expect(openPorts()).toBe(portsBefore);
  });

  it('stop() without finish terminates the workers', async () => {
    const portsBefore = openPorts();
    const pipeline = new LocatePipeline();
    pipeline.feed(mixedRows(5_000, 3), 0, 5_000);
    expect(openPorts()).toBeGreaterThan(portsBefore);
    await pipeline.stop();
    expect(openPorts()).toBe(portsBefore);
  });

  it('lets a process that fed chunks and stopped exit by itself', () => {
    // A worker left running keeps Node alive: this child would never end, and the timeout
    // (a hang guard, far above the ~1 s it needs) would kill it.
    const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    const script = `
      const { LocatePipeline } = await import(${JSON.stringify(here('./locate-rows.ts'))});
      const { IncidentRowsBuilder } = await import(${JSON.stringify(here('../store/incident-columns.ts'))});
      const rows = new IncidentRowsBuilder(100);
      for (let i = 0; i < 100; i++) rows.push(i + 2, null, 0, 2, 0, 0, 1, 535000 + i, 181000);
      const pipeline = new LocatePipeline();
      pipeline.feed(rows, 0, 50);
      pipeline.feed(rows, 50, 100);
      await pipeline.stop();
      console.log('stopped');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: child.status, signal: child.signal, stdout: child.stdout.trim(), stderr: child.stderr.trim() }).toMatchObject({
      status: 0,
      signal: null,
      stdout: 'stopped',
    });
  });
});

describe('locateRowsHere', () => {
  it('stores the H3 cell h3-js gives for the located point, as hex halves', () => {
    const rows = mixedRows(20_000, 4);
    const located = locateRowsHere(rows);
    const wrong: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const want = cellAt(located.lng[i]!, located.lat[i]!, STORED_H3_RESOLUTION);
      const point =
        rows.grid[i] === GRID_CODES.wgs84
          ? Object.is(located.lng[i], rows.x[i]) && Object.is(located.lat[i], rows.y[i])
          : JSON.stringify([located.lng[i], located.lat[i]]) === JSON.stringify(bngToLngLat(rows.x[i]!, rows.y[i]!));
      if ((cellText(located.cellHi[i]!, located.cellLo[i]!) !== want || !point) && wrong.length < 10)
        wrong.push(`${describeRow(rows, located, i)}; h3-js ${want}`);
    }
    expect(wrong).toEqual([]);
    // A Tower Hamlets point, by hand: a 15-digit resolution-11 cell whose low half starts with zeros
    // would lose them without padding, so check the spelling on a known one too.
    const one = locateRowsHere(
      rowsFromDrafts([{ sourceRecordId: null, category: 'robbery', occurredAt: '2024-03', precision: 'month', lng: -0.0597, lat: 51.5194 }]),
    );
    expect(cellText(one.cellHi[0]!, one.cellLo[0]!)).toBe(cellAt(-0.0597, 51.5194, 11));
    expect(cellText(one.cellHi[0]!, one.cellLo[0]!)).toMatch(/^8b[0-9a-f]{13}$/);
  });
});

describe('bngToLngLat', () => {
  it('equals proj4 with the OSGB36 definition, rounded to 6 decimals, on 10,000 points across the grid', () => {
    const toWgs84 = proj4(BRITISH_NATIONAL_GRID, 'WGS84');
    const random = seededRandom(5);
    const wrong: string[] = [];
    for (let k = 0; k < 10_000; k++) {
      const e = k % 2 === 0 ? Math.round(random() * 700_000) : random() * 700_000;
      const n = k % 3 === 0 ? Math.round(random() * 1_300_000) : random() * 1_300_000;
      const [lng, lat] = toWgs84.forward([e, n]);
      const want = [round6(lng!), round6(lat!)];
      const got = bngToLngLat(e, n);
      if ((!Object.is(got[0], want[0]) || !Object.is(got[1], want[1])) && wrong.length < 10) wrong.push(`${e},${n}: ${got} not ${want}`);
    }
    expect(wrong).toEqual([]);
    // Longitude first: Tower Hamlets is near -0.05, 51.5.
    const [lng, lat] = bngToLngLat(535_000, 181_000);
    expect(lng).toBeCloseTo(-0.05, 1);
    expect(lat).toBeCloseTo(51.51, 1);
  });
});

describe('locatedDrafts', () => {
  it('gives back the drafts rowsFromDrafts was made from', () => {
    const random = seededRandom(6);
    const precisions: TimePrecision[] = ['month', 'day', 'minute'];
    const pad = (n: number) => String(n).padStart(2, '0');
    const drafts: IncidentDraft[] = Array.from({ length: 3_000 }, (_, i) => {
      const precision = precisions[i % 3]!;
      const month = `${2015 + Math.floor(random() * 11)}-${pad(1 + Math.floor(random() * 12))}`;
      const day = `${month}-${pad(1 + Math.floor(random() * 28))}`;
      const minute = Math.floor(random() * 1440);
      return {
        sourceRecordId: random() < 0.3 ? null : `R-${i}`,
        category: CATEGORIES[Math.floor(random() * CATEGORIES.length)]!.slug,
        occurredAt: precision === 'month' ? month : precision === 'day' ? day : `${day}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`,
        precision,
        lng: round6(-0.08 + random() * 0.08),
        lat: round6(51.48 + random() * 0.06),
      };
    });
    expect(locatedDrafts(rowsFromDrafts(drafts))).toEqual(drafts.map((d, i) => ({ ...d, line: i + 2 })));
  });
});
