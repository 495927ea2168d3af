// Gi* over 10,000 cells (k = 1, 2), emerging classification over 10,000 cells x 24 windows,
// and the same Gi* run timed in R spdep::localG, all in one run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyEmerging } from '../../geo/emerging';
import { computeGiStar } from '../../geo/gistar';
import { cellAt, cellsWithinDistance } from '../../geo/h3';
import { buildNeighbourhood, type Neighbourhood } from '../../geo/study-cells';
import { percentile, seededRandom, table, timeRuns, verdict } from './bench-stats';

const GI_TARGET_MS = 50;
const EMERGING_TARGET_MS = 1000;
const WINDOWS = 24;

/** ~10,000 resolution-10 cells around Stepney Green: a hexagonal patch 58 rings wide. */
function benchCells(): string[] {
  return cellsWithinDistance(cellAt(-0.0467, 51.5215, 10), 57).sort();
}

function clusteredValues(neighbourhood: Neighbourhood, seed: number): Float64Array {
  const random = seededRandom(seed);
  const values = new Float64Array(neighbourhood.cells.length);
  for (let i = 0; i < values.length; i++) values[i] = Math.floor(-Math.log(1 - random()) * (random() < 0.02 ? 20 : 1.5));
  return values;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; reason: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.reason));
  return result.value;
}

function spdepSeconds(neighbourhood: Neighbourhood, values: Float64Array): number | null {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gistar-bench-'));
  try {
    const lines: string[] = [];
    for (let i = 0; i < neighbourhood.cells.length; i++) {
      const ids = Array.from(neighbourhood.neighbours.subarray(neighbourhood.offsets[i]!, neighbourhood.offsets[i + 1]!), (j) => j + 1);
      lines.push(`${values[i]}\t${ids.join(',')}`);
    }
    writeFileSync(join(dir, 'in.tsv'), `${lines.join('\n')}\n`);
    const out = execFileSync('Rscript', ['tests/reference/gistar-spdep.R', join(dir, 'in.tsv'), join(dir, 'out.csv')], { encoding: 'utf8' });
    const seconds = /localG_seconds=([\d.eE+-]+)/.exec(out)?.[1];
    return seconds === undefined ? null : Number(seconds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHotspots(): Promise<void> {
  const cells = benchCells();
  console.log(`\nGi* and emerging hot spots over ${cells.length.toLocaleString('en-GB')} H3 cells (resolution 10)`);
  const rows: (string | number)[][] = [['run', 'p50 ms', 'p95 ms', 'target ms', 'p95 / target', '']];
  const byK = new Map<number, { neighbourhood: Neighbourhood; values: Float64Array; p50: number }>();
  for (const k of [1, 2]) {
    const neighbourhoodStart = performance.now();
    const neighbourhood = unwrap(buildNeighbourhood(cells, k));
    const neighbourhoodMs = performance.now() - neighbourhoodStart;
    const values = clusteredValues(neighbourhood, k);
    const times = await timeRuns(30, () => {
      unwrap(computeGiStar(neighbourhood, values, { correction: 'fdr' }));
    });
    const p95 = percentile(times, 95);
    byK.set(k, { neighbourhood, values, p50: percentile(times, 50) });
    rows.push([`Gi* k=${k} (+FDR)`, percentile(times, 50), p95, GI_TARGET_MS, p95 / GI_TARGET_MS, verdict(p95, GI_TARGET_MS, true)]);
    rows.push([`  neighbourhood k=${k}, built once`, neighbourhoodMs, neighbourhoodMs, '-', '-', '']);
  }
  const { neighbourhood } = byK.get(1)!;
  const windowValues = Array.from({ length: WINDOWS }, (_, w) => clusteredValues(neighbourhood, 100 + w));
  const emerging = await timeRuns(5, () => {
    const states = windowValues.map((values) => unwrap(computeGiStar(neighbourhood, values, { correction: 'fdr' })).cells);
    for (let i = 0; i < neighbourhood.cells.length; i++) {
      classifyEmerging(
        states.map((s) => (Math.abs(s[i]!.bin) >= 2 ? Math.sign(s[i]!.bin) : 0)),
        states.map((s) => s[i]!.z),
      );
    }
  });
  const emergingP95 = percentile(emerging, 95);
  rows.push([
    `emerging ${WINDOWS} windows`,
    percentile(emerging, 50),
    emergingP95,
    EMERGING_TARGET_MS,
    emergingP95 / EMERGING_TARGET_MS,
    verdict(emergingP95, EMERGING_TARGET_MS, true),
  ]);
  console.log(table(rows));

  for (const [k, run] of byK) {
    const seconds = spdepSeconds(run.neighbourhood, run.values);
    if (seconds === null) {
      console.log(`spdep::localG k=${k}: not measured (Rscript with spdep not installed; npm run setup:test installs it)`);
      continue;
    }
    const spdepMs = seconds * 1000;
    console.log(
      `spdep::localG k=${k} on the same cells and neighbours: ${spdepMs.toFixed(1)} ms vs ours ${run.p50.toFixed(1)} ms (p50): ours is ${(spdepMs / run.p50).toFixed(1)}x faster (spdep time excludes R start-up; ours includes p-values and FDR)`,
    );
  }
}
