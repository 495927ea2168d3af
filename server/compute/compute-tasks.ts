// The statistics that can take seconds (Gi* over a large grid, emerging hot spots, forecasts,
// backtests), by name, so they can run on the compute worker (decision 022) or, for tests on an
// in-memory database, in the calling thread. Each takes plain data and returns plain data.
import type { Coverage } from '../../geo/coverage';
import type { IncidentIndex } from '../incidents/incident-index';
import { backtestCells, forecastCells } from '../hotspots/forecast-service';
import { changeAgainstBaseline, findEmergingHotspots, findHotspots } from '../hotspots/hotspot-service';
import type { StudyGrid } from '../hotspots/study-grid';
import { findDrugMarkets } from '../themes/drug-markets-task';
import { findSeriousViolence } from '../themes/serious-violence-task';
import { findCctvCoverage, findCctvSiting } from '../cctv/cctv-task';
import { protectPublicMonths } from '../public/public-task';

export interface ComputeContext {
  index: IncidentIndex;
  studyGrid: StudyGrid;
  coverage: Coverage;
}

export const TASKS = {
  hotspots: (ctx: ComputeContext, query: Parameters<typeof findHotspots>[3]) => findHotspots(ctx.index, ctx.studyGrid, ctx.coverage, query),
  emerging: (ctx: ComputeContext, query: Parameters<typeof findEmergingHotspots>[3]) => findEmergingHotspots(ctx.index, ctx.studyGrid, ctx.coverage, query),
  change: (ctx: ComputeContext, query: Parameters<typeof changeAgainstBaseline>[3]) => changeAgainstBaseline(ctx.index, ctx.studyGrid, ctx.coverage, query),
  forecast: (ctx: ComputeContext, query: Parameters<typeof forecastCells>[3]) => forecastCells(ctx.index, ctx.studyGrid, ctx.coverage, query),
  backtest: (ctx: ComputeContext, query: Parameters<typeof backtestCells>[3]) => backtestCells(ctx.index, ctx.studyGrid, ctx.coverage, query),
  drugMarkets: (ctx: ComputeContext, query: Parameters<typeof findDrugMarkets>[3]) => findDrugMarkets(ctx.index, ctx.studyGrid, ctx.coverage, query),
  seriousViolence: (ctx: ComputeContext, query: Parameters<typeof findSeriousViolence>[3]) =>
    findSeriousViolence(ctx.index, ctx.studyGrid, ctx.coverage, query),
  cctvCoverage: (ctx: ComputeContext, query: Parameters<typeof findCctvCoverage>[3]) => findCctvCoverage(ctx.index, ctx.studyGrid, ctx.coverage, query),
  cctvSiting: (ctx: ComputeContext, query: Parameters<typeof findCctvSiting>[3]) => findCctvSiting(ctx.index, ctx.studyGrid, ctx.coverage, query),
  publicMonths: (ctx: ComputeContext, query: Parameters<typeof protectPublicMonths>[1]) => protectPublicMonths(ctx.index, query),
};

export type TaskName = keyof typeof TASKS;
export type TaskQuery<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1];
export type TaskResult<K extends TaskName> = ReturnType<(typeof TASKS)[K]>;

export function runTask<K extends TaskName>(ctx: ComputeContext, task: K, query: TaskQuery<K>): TaskResult<K> {
  const run = TASKS[task] as (ctx: ComputeContext, query: TaskQuery<K>) => TaskResult<K>;
  return run(ctx, query);
}
