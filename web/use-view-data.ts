// Fetching for the analytic views and the cell panel's "When" grid. Each answer carries the
// key of the request it answers, so the page never shows one window's hot spots under
// another window's title. Failures are values the page prints (the server's own message).
import { useEffect, useState } from 'react';
import { ok, type Result } from '../geo/types';
import {
  fetchBacktest,
  fetchEmerging,
  fetchForecast,
  fetchHotspots,
  fetchProfile,
  type ApiFailure,
  type BacktestResponse,
  type EmergingResponse,
  type ForecastResponse,
  type HotspotsResponse,
  type ProfileResponse,
  type WindowQuery,
} from './api-client';
import type { MapViewName } from './view-colours';
import { emergingQueryOf, forecastQueryOf, type ViewWindow } from './view-queries';

export type ViewAnswer =
  | { view: 'hotspots'; response: HotspotsResponse; harm: boolean }
  | { view: 'emerging'; response: EmergingResponse }
  | { view: 'forecast'; response: ForecastResponse };

export type Loadable<T> =
  { key: string; status: 'loading' } | { key: string; status: 'loaded'; value: T } | { key: string; status: 'failed'; failure: ApiFailure };

export function viewKeyOf(view: MapViewName, w: ViewWindow | null, harm: boolean): string | null {
  if (!w) return null;
  // The forecast takes no time filter, so changing it must not ask for the forecast again.
  const filter = view === 'forecast' ? '' : `${w.hours ?? ''}|${w.weekdays ?? ''}`;
  return `${view}|${w.group}|${w.from}|${w.to}|${w.resolution}|${view === 'hotspots' && harm ? 'harm' : 'count'}|${filter}`;
}

async function answerOf(view: Exclude<MapViewName, 'counts'>, w: ViewWindow, harm: boolean, signal: AbortSignal): Promise<Result<ViewAnswer, ApiFailure>> {
  if (view === 'hotspots') {
    const result = await fetchHotspots({ ...w, method: harm ? 'harm' : 'gistar' }, signal);
    return result.ok ? ok({ view, response: result.value, harm }) : result;
  }
  if (view === 'emerging') {
    const result = await fetchEmerging(emergingQueryOf(w), signal);
    return result.ok ? ok({ view, response: result.value }) : result;
  }
  const result = await fetchForecast(forecastQueryOf(w), signal);
  return result.ok ? ok({ view, response: result.value }) : result;
}

/** Runs `load` whenever `key` changes (null: nothing to load) and keeps its latest answer. */
export function useKeyed<T>(key: string | null, load: (signal: AbortSignal) => Promise<Result<T, ApiFailure>>, onSessionEnded: () => void): Loadable<T> | null {
  const [state, setState] = useState<Loadable<T> | null>(null);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ key, status: 'loading' });
    load(controller.signal).then(
      (result) => {
        if (result.ok) setState({ key, status: 'loaded', value: result.value });
        else if (result.reason.signedOut) onSessionEnded();
        else setState({ key, status: 'failed', failure: result.reason });
      },
      (error: unknown) => {
        // An abort means a newer choice replaced this request; anything else is shown.
        if (!controller.signal.aborted) setState({ key, status: 'failed', failure: { status: 0, message: String(error), signedOut: false } });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request's text: `load` is a new closure on every render
  }, [key]);
  return state !== null && state.key === key ? state : key === null ? null : { key, status: 'loading' };
}

/** The active analytic view's answer; null in the counts view. */
export function useViewAnswer(view: MapViewName, w: ViewWindow | null, harm: boolean, onSessionEnded: () => void): Loadable<ViewAnswer> | null {
  const key = view === 'counts' ? null : viewKeyOf(view, w, harm);
  return useKeyed(key, (signal) => (view === 'counts' || !w ? Promise.reject(new Error('no view')) : answerOf(view, w, harm, signal)), onSessionEnded);
}

/** The forecast's accuracy headline: asked separately, as a backtest takes longer than the forecast. */
export function useBacktest(view: MapViewName, w: ViewWindow | null, onSessionEnded: () => void): Loadable<BacktestResponse> | null {
  const key = view === 'forecast' ? viewKeyOf('forecast', w, false) : null;
  return useKeyed(key, (signal) => (w ? fetchBacktest(forecastQueryOf(w), signal) : Promise.reject(new Error('no window'))), onSessionEnded);
}

/** The selected cell's hour x weekday profile over the window on screen. */
export function useProfile(cell: string | null, q: WindowQuery | null, onSessionEnded: () => void): Loadable<ProfileResponse> | null {
  const key = cell && q ? `${cell}|${q.group}|${q.from}|${q.to}|${q.hours ?? ''}|${q.weekdays ?? ''}` : null;
  return useKeyed(key, (signal) => (cell && q ? fetchProfile(cell, q, signal) : Promise.reject(new Error('no cell'))), onSessionEnded);
}
