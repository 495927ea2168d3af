// The staff map's tasking workspace: the list and outlines from the server, the form lists,
// and what the right-hand column shows (the list, one tasking, or the form with the area
// being picked or drawn on the map).
import { useCallback, useEffect, useState } from 'react';
import { cellAt } from '../../geo/h3';
import { cellsOfDrawnArea, drawnAreaProblem } from '../../geo/taskings/tasking-area';
import type { LngLat } from '../../geo/types';
import type { ApiFailure } from '../api-client';
import {
  fetchTaskingFeatures,
  fetchTaskingOptions,
  fetchTaskings,
  type Tasking,
  type TaskingFeatures,
  type TaskingList,
  type TaskingOptions,
} from './tasking-api';
import type { TaskingDraft } from './tasking-draft';

export type TaskingPanel =
  { kind: 'list' } | { kind: 'detail'; id: number } | { kind: 'form'; mode: 'create' } | { kind: 'form'; mode: 'edit'; tasking: Tasking };

/** How map clicks build the drafted area: none (clicks select cells), pick cells, or draw a shape. */
export type AreaTool = 'none' | 'pick' | 'draw';

export interface TaskingData {
  list: TaskingList['taskings'] | null;
  features: TaskingFeatures['features'];
  options: TaskingOptions | null;
  failure: ApiFailure | null;
  /** Fetch the list and outlines again, after a change. */
  refresh: () => void;
}

export function useTaskingData(onSessionEnded: () => void): TaskingData {
  const [list, setList] = useState<TaskingList['taskings'] | null>(null);
  const [features, setFeatures] = useState<TaskingFeatures['features']>([]);
  const [options, setOptions] = useState<TaskingOptions | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void fetchTaskingOptions().then((result) => {
      if (result.ok) setOptions(result.value);
      else if (result.reason.signedOut) onSessionEnded();
    });
  }, [onSessionEnded]);

  useEffect(() => {
    const controller = new AbortController();
    void Promise.all([fetchTaskings(controller.signal), fetchTaskingFeatures(controller.signal)]).then(
      ([listed, outlined]) => {
        if (controller.signal.aborted) return;
        const refused = !listed.ok ? listed.reason : !outlined.ok ? outlined.reason : null;
        if (refused?.signedOut) return onSessionEnded();
        setFailure(refused);
        if (listed.ok) setList(listed.value.taskings);
        if (outlined.ok) setFeatures(outlined.value.features);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [generation, onSessionEnded]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { list, features, options, failure, refresh };
}

export interface Workspace {
  panel: TaskingPanel;
  draft: TaskingDraft | null;
  tool: AreaTool;
  /** Vertices of the shape being drawn, and whether it is finished. */
  vertices: LngLat[];
  closed: boolean;
  open: (panel: TaskingPanel, draft?: TaskingDraft | null) => void;
  setDraft: (update: (draft: TaskingDraft) => TaskingDraft) => void;
  setTool: (tool: AreaTool) => void;
  /** A map click while picking or drawing; false when the tool is off and the click is the map's. */
  clickMap: (lngLat: LngLat) => boolean;
  /** Why the last click picked nothing (a cell outside the borough), or null. */
  pickNote: string | null;
  finishShape: () => void;
  clearArea: () => void;
}

/** Cells a drawn shape covers, for the preview (the server leaves out those outside the borough); none for a shape far too large. */
export function previewCellsOf(vertices: readonly LngLat[], h3Resolution: number): string[] {
  if (vertices.length < 3) return [];
  const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[...vertices, vertices[0]!]] };
  return drawnAreaProblem(polygon, h3Resolution) === null ? cellsOfDrawnArea(polygon, h3Resolution, null) : [];
}

/** `canPick` says whether a cell may be part of a tasking (it overlaps the study area). */
export function useWorkspace(canPick: (cell: string) => boolean): Workspace {
  const [panel, setPanel] = useState<TaskingPanel>({ kind: 'list' });
  const [draft, setDraftState] = useState<TaskingDraft | null>(null);
  const [tool, setToolState] = useState<AreaTool>('none');
  const [vertices, setVertices] = useState<LngLat[]>([]);
  const [closed, setClosed] = useState(false);
  const [pickNote, setPickNote] = useState<string | null>(null);

  const open = useCallback((next: TaskingPanel, nextDraft: TaskingDraft | null = null) => {
    setPanel(next);
    setDraftState(nextDraft);
    setToolState('none');
    setVertices([]);
    setClosed(false);
  }, []);

  const setDraft = useCallback((update: (d: TaskingDraft) => TaskingDraft) => setDraftState((d) => (d ? update(d) : d)), []);

  const setTool = useCallback((next: AreaTool) => {
    setToolState(next);
    if (next === 'draw') {
      setVertices([]);
      setClosed(false);
    }
  }, []);

  const clickMap = (lngLat: LngLat): boolean => {
    if (!draft || tool === 'none') return false;
    if (tool === 'pick') {
      const cell = cellAt(lngLat[0], lngLat[1], draft.area.resolution);
      if (!draft.area.cells.includes(cell) && !canPick(cell)) {
        setPickNote('That cell is outside the borough: only cells of the study area can be tasked.');
        return true;
      }
      setPickNote(null);
      const cells = draft.area.cells.includes(cell) ? draft.area.cells.filter((c) => c !== cell) : [...draft.area.cells, cell].sort();
      setDraftState({ ...draft, area: { ...draft.area, cells, polygon: null } });
      return true;
    }
    if (closed) return true;
    setVertices((v) => [...v, lngLat]);
    return true;
  };

  const finishShape = () => {
    if (!draft || vertices.length < 3) return;
    setClosed(true);
    setToolState('none');
    const ring: [number, number][] = [...vertices, vertices[0]!].map(([lng, lat]) => [lng, lat]);
    // The server turns the shape into study cells; the preview shows the cells it will likely take.
    setDraftState({ ...draft, area: { ...draft.area, cells: [], polygon: { type: 'Polygon', coordinates: [ring] } } });
  };

  const clearArea = () => {
    setVertices([]);
    setClosed(false);
    setDraft((d) => ({ ...d, area: { ...d.area, cells: [], polygon: null } }));
  };

  return { panel, draft, tool, vertices, closed, pickNote, open, setDraft, setTool, clickMap, finishShape, clearArea };
}
