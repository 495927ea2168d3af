// The map for Partnership staff (chair, planner, analyst): choose a layer, a window and a
// cell size; see the cells, the totals, the busiest cells; click a cell for its breakdown.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cellAt, cellCentre, cellRing } from '../geo/h3';
import { createAreaTest } from '../geo/study-area';
import { londonWallClock } from '../geo/time';
import { fetchCellBreakdown, fetchCells, type ApiFailure, type Meta, type WindowQuery } from './api-client';
import { buildLayers, renderedCellCount, splitCells } from './build-layers';
import { CctvControls } from './cctv/cctv-controls';
import { cctvLayers, VIEW_ZOOM } from './cctv/cctv-layers';
import { CctvPanel } from './cctv/cctv-panel';
import { useCctvView } from './cctv/use-cctv-view';
import { CellPanel, type BreakdownState } from './cell-panel';
import { Controls } from './controls';
import type { BaseData } from './map-page';
import { MapState, type MapStateSummary } from './map-state';
import { MapView, type MapPick } from './map-view';
import { emptyDraft, hotspotCluster, placeOfCells, problemOfHotspot } from './taskings/tasking-draft';
import { TaskingsColumn } from './taskings/taskings-column';
import { previewCellsOf, useTaskingData, useWorkspace } from './taskings/use-taskings';
import { areasOfCells, placesInWords } from './places-of-cells';
import { SchoolsControls, ViolenceControls } from './themes/theme-controls';
import { ThemeColumn } from './themes/theme-column';
import { isDrawnThemeId, type DrawnThemeId } from './themes/theme-settings';
import { messageForScreen } from './themes/theme-words';
import { useThemeView } from './themes/use-theme-view';
import { useBacktest, useProfile, useViewAnswer } from './use-view-data';
import { layerCoverageText, topCellsOf, viewDataOf, type Shown } from './view-data';
import { ViewChoice } from './view-choice';
import { legendTitleOf, type MapViewName } from './view-colours';
import { factsOfCell } from './view-facts';
import { ViewLegend } from './view-legend';
import { failureMessageOf, type ViewWindow } from './view-queries';
import { describeTimeFilter, NO_TIME_FILTER, type TimeFilterChoice } from './time-filter-choice';
import { describeWindow, openingWindow, resolveWindow, type ResolvedWindow, type WindowChoice } from './window-dates';
import { WindowSummary } from './window-summary';

const DEFAULT_GROUP = 'violence';
const DEFAULT_RESOLUTION = 9;

function keyOf(q: WindowQuery): string {
  return `${q.group}|${q.from}|${q.to}|${q.resolution}|${q.hours ?? ''}|${q.weekdays ?? ''}`;
}

export interface StaffMapProps {
  base: BaseData;
  meta: Meta;
  role: string;
  userName: string;
  onSessionEnded: () => void;
}

export function StaffMap({ base, meta, role, userName, onSessionEnded }: StaffMapProps) {
  const today = londonWallClock(new Date(meta.now)).slice(0, 10);
  const dataLastDay = meta.coverage?.lastDay ?? null;
  const resolveOrNull = (choice: WindowChoice) => {
    const result = resolveWindow(choice, today, dataLastDay);
    return result.ok ? result.value : null;
  };

  const [group, setGroup] = useState(base.groups.some((g) => g.id === DEFAULT_GROUP) ? DEFAULT_GROUP : (base.groups[0]?.id ?? 'all'));
  const opening = useMemo(() => openingWindow(meta.sources), [meta.sources]);
  const [windowChoice, setWindowChoice] = useState<WindowChoice>(opening.choice);
  // The window actually queried: the last valid choice, so a half-typed custom date keeps the map.
  const [applied, setApplied] = useState<ResolvedWindow | null>(() => resolveOrNull(opening.choice));
  const [windowError, setWindowError] = useState<string | null>(null);
  const [resolution, setResolution] = useState(DEFAULT_RESOLUTION);
  const [timeFilter, setTimeFilter] = useState<TimeFilterChoice>(NO_TIME_FILTER);
  const [shown, setShown] = useState<Shown | null>(null);
  const [cellsFailure, setCellsFailure] = useState<ApiFailure | null>(null);
  const [selectedCell, setSelectedCell] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<BreakdownState>({ status: 'loading' });
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const [view, setView] = useState<MapViewName>('counts');
  const [harm, setHarm] = useState(false);
  // A meeting theme (web/themes/) instead of a layer group: its own layers, choices and table.
  const [themeId, setThemeId] = useState<DrawnThemeId | null>(null);
  // CCTV coverage (web/cctv/, staff only): cameras, coverage, blind hot spots and siting.
  const cctvOffered = role !== 'public';
  const [cctvOn, setCctvOn] = useState(false);
  const [closeUp, setCloseUp] = useState(false);
  const onZoom = useCallback((zoom: number) => setCloseUp(zoom >= VIEW_ZOOM), []);
  const wholeMode = themeId !== null || cctvOn;

  const query: WindowQuery | null = applied ? { group, from: applied.from, to: applied.to, resolution, ...timeFilter } : null;
  const key = query ? keyOf(query) : null;
  const viewWindow: ViewWindow | null = query && applied ? { ...query, windowDays: applied.windowDays } : null;
  const answer = useViewAnswer(view, viewWindow, harm, onSessionEnded);
  const backtest = useBacktest(view, viewWindow, onSessionEnded);
  const profile = useProfile(selectedCell, shown?.query ?? null, onSessionEnded);
  const theme = useThemeView(themeId, applied ? { from: applied.from, to: applied.to } : null, onSessionEnded);
  const cctv = useCctvView(
    cctvOn && cctvOffered,
    applied ? { from: applied.from, to: applied.to } : null,
    resolution,
    base.groups.some((g) => g.id === DEFAULT_GROUP) ? DEFAULT_GROUP : (base.groups[0]?.id ?? 'all'),
    closeUp,
    onSessionEnded,
  );

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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the query's text: the query object itself is rebuilt on every render
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

  const taskingData = useTaskingData(onSessionEnded);
  const studyAreaTests = useMemo(() => base.areas.studyArea.features.map((f) => createAreaTest(f.geometry)), [base.areas.studyArea]);
  // A cell overlaps the study area when its centre or a corner lies inside (the server checks exactly).
  const canPick = useCallback(
    (cell: string) => [cellCentre(cell), ...cellRing(cell)].some(([lng, lat]) => studyAreaTests.some((t) => t.contains(lng, lat))),
    [studyAreaTests],
  );
  const workspace = useWorkspace(canPick);
  const { draft, vertices, closed: shapeClosed } = workspace;
  const previewCells = useMemo(
    () => (draft && draft.area.cells.length === 0 && vertices.length >= 3 ? previewCellsOf(vertices, draft.area.resolution) : []),
    [draft, vertices],
  );
  const selectedTaskingId =
    workspace.panel.kind === 'detail'
      ? workspace.panel.id
      : workspace.panel.kind === 'form' && workspace.panel.mode === 'edit'
        ? workspace.panel.tasking.id
        : null;
  const taskingOverlay = useMemo(
    () => ({
      features: taskingData.features,
      selectedId: selectedTaskingId,
      draft: draft ? { cells: draft.area.cells.length > 0 ? draft.area.cells : previewCells, vertices, closed: shapeClosed } : null,
    }),
    [taskingData.features, selectedTaskingId, draft, previewCells, vertices, shapeClosed],
  );

  const viewData = useMemo(() => viewDataOf(view, shown, answer), [view, shown, answer]);
  const layers = useMemo(
    () =>
      cctvOn
        ? // The ward names beneath (a theme with no data draws only those), then the coverage.
          [
            ...buildLayers({ data: viewData, h3Resolution: resolution, selectedCell: null, labels: base.labels, theme: { data: null } }),
            ...(cctv.layerData ? cctvLayers(cctv.layerData) : []),
          ]
        : buildLayers({
            data: viewData,
            h3Resolution: shown?.query.resolution ?? resolution,
            selectedCell,
            labels: base.labels,
            taskings: taskingOverlay,
            theme: themeId ? { data: theme.layerData } : null,
          }),
    [viewData, shown, selectedCell, base.labels, resolution, taskingOverlay, themeId, theme.layerData, cctvOn, cctv.layerData],
  );
  const split = useMemo(() => splitCells(shown?.response.cells ?? []), [shown]);
  // What the map draws is identified by the view's request (and its outcome), so "ready" means
  // these exact cells are on screen.
  const themeAnswer = themeId ? theme.answer : null;
  const cctvKey = `cctv|${cctv.coverage?.key ?? 'none'}|${cctv.coverage?.status ?? ''}|${cctv.cameras?.status ?? ''}|${cctv.siting?.key ?? ''}|${cctv.siting?.status ?? ''}|${cctv.selectedBlind ?? ''}|${closeUp}`;
  const layersKey = cctvOn
    ? cctvKey
    : themeId
      ? `theme|${themeAnswer?.key ?? 'none'}|${themeAnswer?.status ?? ''}|${theme.selectedUrn ?? ''}|${theme.selectedHotspot ?? ''}`
      : view === 'counts'
        ? (shown?.key ?? 'none')
        : answer
          ? `${answer.key}|${answer.status}`
          : 'none';
  const viewFailure = answer?.status === 'failed' ? answer.failure : null;
  const viewMessage = cctvOn
    ? cctv.coverage?.status === 'failed'
      ? messageForScreen(cctv.coverage.failure)
      : null
    : themeId
      ? themeAnswer?.status === 'failed'
        ? messageForScreen(themeAnswer.failure)
        : null
      : viewFailure
        ? failureMessageOf(viewFailure)
        : null;

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
  const focusedFeature = workspace.panel.kind === 'detail' ? taskingData.features.find((f) => f.properties.id === selectedTaskingId) : undefined;
  const focusOfTasking = useMemo(() => {
    if (!focusedFeature) return null;
    const cells = taskingData.list?.find((t) => t.id === focusedFeature.properties.id)?.cells ?? [];
    // Keyed on the cells too: a tasking just created is focused once its cells arrive.
    return { key: `tasking:${focusedFeature.properties.id}:${cells.join(',')}`, cells };
  }, [focusedFeature, taskingData.list]);
  const onPick = (pick: MapPick) => {
    if (cctvOn) {
      cctv.pick(pick.layerId, pick.object);
      return;
    }
    if (themeId) {
      theme.pick(pick.layerId, pick.object);
      return;
    }
    if (pick.lngLat && workspace.clickMap(pick.lngLat)) return;
    if (pick.taskingId !== null) workspace.open({ kind: 'detail', id: pick.taskingId });
    else if (pick.cell !== null) setSelectedCell(pick.cell);
  };
  const closePanel = useCallback(() => setSelectedCell(null), []);

  const groupLabel = base.groups.find((g) => g.id === group)?.label ?? group;
  const ownerOfUser = taskingData.options?.owners.find((o) => o.name === userName)?.username ?? taskingData.options?.owners[0]?.username ?? '';
  const blankDraft = () =>
    emptyDraft({ today, theme: group === 'all' ? 'violence' : group, team: taskingData.options?.teams[0]?.id ?? 'other', owner: ownerOfUser, resolution });
  const canCreate = role === 'chair' || role === 'analyst';
  const wards = useMemo(() => base.areas.wards.features.map((f) => ({ name: String(f.properties?.['name'] ?? ''), geometry: f.geometry })), [base.areas.wards]);
  const placeOfThemeCells = useCallback((cells: readonly string[]) => placesInWords(areasOfCells(cells, wards)), [wards]);
  // "Task this hot spot": the cell and its significant hot neighbours, the evidence from the view on screen.
  const taskHotspot = (cell: string) => {
    if (loadedAnswer?.view !== 'hotspots' || !shown) return;
    const cluster = hotspotCluster(cell, loadedAnswer.response.cells);
    const cells = cluster.map((c) => c.cell);
    // Named by the ward the clicked hot spot cell is in.
    const place = placeOfCells([cell], wards);
    const windowText = describeWindow(shown.window);
    // The panel would cover the cells being tasked.
    setSelectedCell(null);
    workspace.open(
      { kind: 'form', mode: 'create' },
      {
        ...blankDraft(),
        title: `${groupLabel} hot spot${place ? `, ${place}` : ''}`,
        problem: problemOfHotspot(cluster, groupLabel, windowText),
        area: { resolution: shown.query.resolution, cells, polygon: null },
        evidence: { from: shown.query.from, to: shown.query.to, hours: shown.query.hours, weekdays: shown.query.weekdays },
      },
    );
  };
  /** Taskings whose area holds the cell (at another resolution: the cell's centre). */
  const taskingsOfCell = (cell: string) => {
    const [lng, lat] = cellCentre(cell);
    return (taskingData.list ?? []).filter((t) => t.cells.includes(cellAt(lng, lat, t.resolution)));
  };

  const countsCurrent = shown !== null && shown.key === key;
  const timeFilterNote = countsCurrent ? (shown.response.meta.timeFilter?.note ?? null) : null;
  const current = cctvOn
    ? cctv.coverage !== null && cctv.coverage.status !== 'loading' && cctv.cameras !== null && cctv.cameras.status !== 'loading'
    : themeId
      ? themeAnswer !== null && themeAnswer.status !== 'loading'
      : view === 'counts'
        ? countsCurrent
        : answer !== null && answer.status !== 'loading' && countsCurrent;
  const loadedAnswer = answer?.status === 'loaded' ? answer.value : null;
  const hotspotRow = loadedAnswer?.view === 'hotspots' && selectedCell ? loadedAnswer.response.cells.find((c) => c.cell === selectedCell) : undefined;
  const summary: MapStateSummary = {
    role,
    group,
    from: applied?.from ?? null,
    to: applied?.to ?? null,
    resolution,
    windowDays: applied?.windowDays ?? null,
    hours: timeFilter.hours,
    weekdays: timeFilter.weekdays,
    timeFilterNote,
    cellsRendered: current && !wholeMode ? renderedCellCount(viewData) : 0,
    partialOnlyCells: current && view === 'counts' ? split.partialOnly.length : 0,
    totalCount: countsCurrent ? shown.response.meta.totalCount : null,
    totalPartialCount: countsCurrent ? shown.response.meta.totalPartialCount : null,
    layersReady: current && drawnKey === layersKey,
    selectedCell,
    demo: meta.demo,
    view,
    legendTitle: legendTitleOf(view, harm),
    viewMessage,
    selectedCellBin: hotspotRow ? hotspotRow.bin : null,
    topCells: current && !wholeMode ? topCellsOf(viewData) : [],
    taskingOutlines: taskingData.features.map((f) => f.properties.id),
    selectedTaskingId,
    draftCells: draft ? (draft.area.cells.length > 0 ? draft.area.cells.length : previewCells.length) : null,
    theme: themeId && current ? theme.summary : null,
    cctv: cctvOn && current ? cctv.summary : null,
  };
  const activeTheme = themeId ? theme.active : null;
  const layerCategories = activeTheme ? activeTheme.categories : (base.groups.find((g) => g.id === (cctvOn ? cctv.group : group))?.categories ?? []);
  const cctvGroupLabel = base.groups.find((g) => g.id === cctv.group)?.label ?? cctv.group;

  return (
    <main className={wholeMode ? 'workspace theme-mode' : 'workspace'}>
      <div className="sidebar">
        <Controls
          groups={base.groups}
          group={group}
          onGroupChange={setGroup}
          windowChoice={windowChoice}
          onWindowChange={onWindowChange}
          shownFrom={applied?.from ?? today}
          shownThrough={applied?.through ?? today}
          timeFilter={timeFilter}
          onTimeFilterChange={setTimeFilter}
          resolution={resolution}
          layerCoverage={layerCoverageText(meta, layerCategories)}
          themes={theme.themes}
          theme={themeId}
          cctvOffered={cctvOffered}
          cctv={cctvOn}
          onCctvChange={(on) => {
            setCctvOn(on);
            if (on) setSelectedCell(null);
          }}
          onThemeChange={(id) => {
            setThemeId(id !== null && isDrawnThemeId(id) ? id : null);
            setSelectedCell(null);
            // Hotspot numbers belong to one theme's answer.
            theme.selectHotspot(null);
          }}
          onResolutionChange={(value) => {
            setResolution(value);
            setSelectedCell(null); // a cell id belongs to one resolution
          }}
        />
        {cctvOn ? (
          <>
            <CctvControls groups={base.groups} group={cctv.group} onGroupChange={cctv.setGroup} />
            <section className="theme-about" aria-labelledby="cctv-question">
              <h2 id="cctv-question">The question</h2>
              <p>Which hot spots do the cameras watch, which are blind, and where should the redeployable cameras go next?</p>
              <p className="fine-print">
                Only working cameras count. Views are drawn from zoom {VIEW_ZOOM} (street level); the coverage is worked out for every cell whatever the zoom.
              </p>
            </section>
          </>
        ) : activeTheme ? (
          <>
            {activeTheme.id === 'schools-robbery' && theme.schoolsSettings && theme.schoolsChoice && (
              <SchoolsControls settings={theme.schoolsSettings} choice={theme.schoolsChoice} onChange={theme.setSchoolsChoice} />
            )}
            {activeTheme.id === 'serious-violence' && theme.violenceSettings && theme.violenceChoice && (
              <ViolenceControls
                settings={theme.violenceSettings}
                choice={theme.violenceChoice}
                onChange={theme.setViolenceChoice}
                definition={
                  themeAnswer?.status === 'loaded' && themeAnswer.value.theme === 'serious-violence' ? themeAnswer.value.response.meta.definition : null
                }
              />
            )}
            <section className="theme-about" aria-labelledby="theme-question">
              <h2 id="theme-question">The question</h2>
              <p>{activeTheme.question}</p>
              <p className="fine-print">{activeTheme.basis}</p>
            </section>
          </>
        ) : (
          <>
            <ViewChoice view={view} onViewChange={setView} harm={harm} onHarmChange={setHarm} />
            <ViewLegend
              view={view}
              harm={harm}
              h3Resolution={shown?.query.resolution ?? resolution}
              answer={answer}
              backtest={backtest}
              timeFilterSet={describeTimeFilter(timeFilter) !== null}
            />
          </>
        )}
        {windowError && (
          <p className="window-error" role="alert">
            {windowError}
          </p>
        )}
        {!activeTheme && !cctvOn && (
          <WindowSummary
            groupLabel={base.groups.find((g) => g.id === group)?.label ?? group}
            window={applied}
            timeFilterText={describeTimeFilter(timeFilter)}
            timeFilterNote={timeFilterNote}
            openingNote={windowChoice === opening.choice ? opening.why : null}
            coverageNote={countsCurrent ? shown.response.meta.coverageNote : null}
            response={countsCurrent ? shown.response : null}
            failure={cellsFailure}
            hasData={meta.coverage !== null}
            busiest={countsCurrent ? split.counted : []}
            onPickCell={setSelectedCell}
          />
        )}
      </div>
      <div className="map-area">
        <MapView
          baseAreas={base.areas}
          mapStyleUrl={base.mapStyleUrl}
          layers={layers}
          layersKey={layersKey}
          onPick={onPick}
          drawing={workspace.tool !== 'none'}
          focus={focusOfTasking}
          onDrawn={setDrawnKey}
          fitKey={wholeMode ? 'theme' : 'layers'}
          onZoom={onZoom}
        />
        {workspace.tool !== 'none' && (
          <p className="map-tool-hint" role="status">
            {workspace.tool === 'pick'
              ? (workspace.pickNote ?? 'Picking cells: click a cell to add or remove it.')
              : `Drawing: click to place corners (${workspace.vertices.length} so far), then Finish shape.`}
          </p>
        )}
        {viewMessage && (
          <p className="map-message" role="alert" data-testid="view-message">
            {viewMessage}
          </p>
        )}
        {selectedCell && shown && (
          <CellPanel
            cell={selectedCell}
            windowText={[
              base.groups.find((g) => g.id === shown.query.group)?.label ?? shown.query.group,
              describeWindow(shown.window),
              describeTimeFilter(shown.query),
            ]
              .filter((part) => part !== null)
              .join(', ')}
            state={breakdown}
            facts={loadedAnswer ? factsOfCell(loadedAnswer, selectedCell) : []}
            profile={profile}
            onClose={closePanel}
            taskings={taskingsOfCell(selectedCell).map((t) => ({ id: t.id, title: t.title }))}
            onOpenTasking={(id) => {
              setSelectedCell(null);
              workspace.open({ kind: 'detail', id });
            }}
            onTaskHotspot={canCreate && hotspotRow && hotspotRow.bin > 0 ? () => taskHotspot(selectedCell) : null}
          />
        )}
      </div>
      {cctvOn ? (
        <CctvPanel view={cctv} groupLabel={cctvGroupLabel} labelOf={(slug) => slug.replace(/-/g, ' ')} placeOf={placeOfThemeCells} closeUp={closeUp} />
      ) : activeTheme ? (
        <ThemeColumn
          label={activeTheme.label}
          question={activeTheme.question}
          answer={theme.answer}
          selectedUrn={theme.selectedUrn}
          onSelectSchool={theme.selectSchool}
          selectedHotspot={theme.selectedHotspot}
          onSelectHotspot={theme.selectHotspot}
          placeOf={placeOfThemeCells}
        />
      ) : (
        <TaskingsColumn
          data={taskingData}
          workspace={workspace}
          role={role}
          userName={userName}
          today={today}
          blankDraft={blankDraft}
          previewCells={previewCells.length}
          onSessionEnded={onSessionEnded}
        />
      )}
      <MapState summary={summary} />
    </main>
  );
}
