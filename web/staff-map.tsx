// The map for Partnership staff (chair, planner, analyst): choose a layer, a window and a
// cell size; see the cells, the totals, the busiest cells; click a cell for its breakdown.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { londonWallClock } from '../geo/time';
import { fetchCellBreakdown, fetchCells, type ApiFailure, type CellsResponse, type Meta, type WindowQuery } from './api-client';
import { buildLayers, splitCells, type CellCount } from './build-layers';
import { CellPanel, type BreakdownState } from './cell-panel';
import { Controls } from './controls';
import { Legend } from './legend';
import type { BaseData } from './map-page';
import { MapState, type MapStateSummary } from './map-state';
import { MapView } from './map-view';
import { describeWindow, resolveWindow, type ResolvedWindow, type WindowChoice } from './window-dates';
import { WindowSummary } from './window-summary';

const DEFAULT_GROUP = 'violence';
const DEFAULT_RESOLUTION = 9;
const DEFAULT_WINDOW: WindowChoice = { kind: 'last', days: 28 };

interface Shown {
  key: string;
  query: WindowQuery;
  window: ResolvedWindow;
  response: CellsResponse;
}

function keyOf(q: WindowQuery): string {
  return `${q.group}|${q.from}|${q.to}|${q.resolution}`;
}

export interface StaffMapProps {
  base: BaseData;
  meta: Meta;
  role: string;
  onSessionEnded: () => void;
}

export function StaffMap({ base, meta, role, onSessionEnded }: StaffMapProps) {
  const today = londonWallClock(new Date(meta.now)).slice(0, 10);
  const dataLastDay = meta.coverage?.lastDay ?? null;
  const resolveOrNull = (choice: WindowChoice) => {
    const result = resolveWindow(choice, today, dataLastDay);
    return result.ok ? result.value : null;
  };

  const [group, setGroup] = useState(base.groups.some((g) => g.id === DEFAULT_GROUP) ? DEFAULT_GROUP : (base.groups[0]?.id ?? 'all'));
  const [windowChoice, setWindowChoice] = useState<WindowChoice>(DEFAULT_WINDOW);
  // The window actually queried: the last valid choice, so a half-typed custom date keeps the map.
  const [applied, setApplied] = useState<ResolvedWindow | null>(() => resolveOrNull(DEFAULT_WINDOW));
  const [windowError, setWindowError] = useState<string | null>(null);
  const [resolution, setResolution] = useState(DEFAULT_RESOLUTION);
  const [shown, setShown] = useState<Shown | null>(null);
  const [cellsFailure, setCellsFailure] = useState<ApiFailure | null>(null);
  const [selectedCell, setSelectedCell] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<BreakdownState>({ status: 'loading' });
  const [drawnKey, setDrawnKey] = useState<string | null>(null);

  const query: WindowQuery | null = applied ? { group, from: applied.from, to: applied.to, resolution } : null;
  const key = query ? keyOf(query) : null;

  useEffect(() => {
    if (!query || !applied) return;
    const controller = new AbortController();
    setCellsFailure(null);
    fetchCells(query, controller.signal).then(
      (result) => {
        if (result.ok) setShown({ key: keyOf(query), query, window: applied, response: result.value });
        else if (result.reason.signedOut) onSessionEnded();
        else setCellsFailure(result.reason);
      },
      (error: unknown) => {
        // An abort means a newer choice replaced this request; anything else is shown.
        if (!controller.signal.aborted) setCellsFailure({ status: 0, message: String(error), signedOut: false });
      },
    );
    return () => controller.abort();
    // Keyed on the query's text: the query object itself is rebuilt on every render.
  }, [key]);

  useEffect(() => {
    if (!selectedCell || !shown) return;
    const controller = new AbortController();
    setBreakdown({ status: 'loading' });
    fetchCellBreakdown(selectedCell, shown.query, controller.signal).then(
      (result) => {
        if (result.ok) setBreakdown({ status: 'loaded', breakdown: result.value });
        else if (result.reason.signedOut) onSessionEnded();
        else setBreakdown({ status: 'failed', failure: result.reason });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setBreakdown({ status: 'failed', failure: { status: 0, message: String(error), signedOut: false } });
      },
    );
    return () => controller.abort();
  }, [selectedCell, shown, onSessionEnded]);

  const layers = useMemo(
    () =>
      buildLayers({
        cells: shown?.response.cells ?? [],
        h3Resolution: shown?.query.resolution ?? resolution,
        windowDays: shown?.window.windowDays ?? 28,
        selectedCell,
        labels: base.labels,
      }),
    [shown, selectedCell, base.labels, resolution],
  );
  const split = useMemo(() => splitCells(shown?.response.cells ?? []), [shown]);

  const onWindowChange = (choice: WindowChoice) => {
    setWindowChoice(choice);
    const result = resolveWindow(choice, today, dataLastDay);
    if (result.ok) {
      setApplied(result.value);
      setWindowError(null);
    } else {
      setWindowError(result.reason);
    }
  };
  const onCellClick = useCallback((cell: CellCount) => setSelectedCell(cell.cell), []);
  const closePanel = useCallback(() => setSelectedCell(null), []);

  const current = shown !== null && shown.key === key;
  const summary: MapStateSummary = {
    role,
    group,
    from: applied?.from ?? null,
    to: applied?.to ?? null,
    resolution,
    windowDays: applied?.windowDays ?? null,
    cellsRendered: current ? split.counted.length : 0,
    partialOnlyCells: current ? split.partialOnly.length : 0,
    totalCount: current ? shown.response.meta.totalCount : null,
    totalPartialCount: current ? shown.response.meta.totalPartialCount : null,
    layersReady: current && drawnKey === key,
    selectedCell,
    demo: meta.demo,
  };

  return (
    <main className="workspace">
      <div className="sidebar">
        <Controls
          groups={base.groups}
          group={group}
          onGroupChange={setGroup}
          windowChoice={windowChoice}
          onWindowChange={onWindowChange}
          shownFrom={applied?.from ?? today}
          shownThrough={applied?.through ?? today}
          resolution={resolution}
          onResolutionChange={(value) => {
            setResolution(value);
            setSelectedCell(null); // a cell id belongs to one resolution
          }}
        />
        {windowError && (
          <p className="window-error" role="alert">
            {windowError}
          </p>
        )}
        <WindowSummary
          groupLabel={base.groups.find((g) => g.id === group)?.label ?? group}
          window={applied}
          response={current ? shown.response : null}
          failure={cellsFailure}
          hasData={meta.coverage !== null}
          busiest={current ? split.counted : []}
          onPickCell={setSelectedCell}
        />
        <Legend h3Resolution={shown?.query.resolution ?? resolution} />
      </div>
      <div className="map-area">
        <MapView
          baseAreas={base.areas}
          mapStyleUrl={base.mapStyleUrl}
          layers={layers}
          layersKey={shown?.key ?? 'none'}
          onCellClick={onCellClick}
          onDrawn={setDrawnKey}
        />
        {selectedCell && shown && (
          <CellPanel
            cell={selectedCell}
            windowText={`${base.groups.find((g) => g.id === shown.query.group)?.label ?? shown.query.group}, ${describeWindow(shown.window)}`}
            state={breakdown}
            onClose={closePanel}
          />
        )}
      </div>
      <MapState summary={summary} />
    </main>
  );
}
