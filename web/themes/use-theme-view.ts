// The theme on screen: the themes the server offers (GET /api/themes), the one chosen, its
// choices (defaults from the theme's settings), its answer for the window on screen, the row
// picked in its table, and what the map draws for it. The staff map only wires this in.
import { useMemo, useState } from 'react';
import { ok } from '../../geo/types';
import { useKeyed, type Loadable } from '../use-view-data';
import {
  fetchDrugMarkets,
  fetchSchoolsRobbery,
  fetchThemes,
  type DrugMarketsResponse,
  type SchoolsRobberyResponse,
  type ThemeDefinition,
  type ThemesResponse,
} from './theme-api';
import { drawnThemes, schoolsSettingsOf, type DrawnThemeId, type SchoolsChoice, type SchoolsSettings } from './theme-settings';
import { drugLayerDataOf, drugSummaryOf, schoolsLayerDataOf, schoolsSummaryOf, themePickOf, type ThemeLayerData, type ThemeMapSummary } from './theme-layers';

export type ThemeAnswer = { theme: 'schools-robbery'; response: SchoolsRobberyResponse } | { theme: 'drug-markets'; response: DrugMarketsResponse };

export interface ThemeWindow {
  from: string;
  /** Exclusive. */
  to: string;
}

export interface ThemeView {
  /** The themes the page can draw, in the server's order; empty until loaded (or when refused). */
  themes: (ThemeDefinition & { id: DrawnThemeId })[];
  themesState: Loadable<ThemesResponse> | null;
  active: (ThemeDefinition & { id: DrawnThemeId }) | null;
  schoolsSettings: SchoolsSettings | null;
  schoolsChoice: SchoolsChoice | null;
  setSchoolsChoice: (choice: SchoolsChoice) => void;
  answer: Loadable<ThemeAnswer> | null;
  layerData: ThemeLayerData | null;
  summary: ThemeMapSummary | null;
  selectedUrn: string | null;
  selectSchool: (urn: string | null) => void;
  selectedHotspot: number | null;
  selectHotspot: (id: number | null) => void;
  /** A click on the map: selects the school or hotspot under it; true when it was one. */
  pick: (layerId: string | null, object: unknown) => boolean;
}

export function useThemeView(themeId: DrawnThemeId | null, window: ThemeWindow | null, onSessionEnded: () => void): ThemeView {
  const themesState = useKeyed('themes', (signal) => fetchThemes(signal), onSessionEnded);
  const themes = useMemo(() => (themesState?.status === 'loaded' ? drawnThemes(themesState.value.themes) : []), [themesState]);
  const active = themes.find((t) => t.id === themeId) ?? null;
  const schoolsTheme = themes.find((t) => t.id === 'schools-robbery') ?? null;
  const schoolsSettings = useMemo(() => (schoolsTheme ? schoolsSettingsOf(schoolsTheme) : null), [schoolsTheme]);
  const [chosen, setSchoolsChoice] = useState<SchoolsChoice | null>(null);
  const schoolsChoice = chosen ?? schoolsSettings?.defaults ?? null;
  const [selectedUrn, selectSchool] = useState<string | null>(null);
  const [selectedHotspot, selectHotspot] = useState<number | null>(null);

  const key =
    !active || !window
      ? null
      : active.id === 'schools-robbery'
        ? schoolsChoice
          ? `schools-robbery|${window.from}|${window.to}|${schoolsChoice.bufferMeters}|${schoolsChoice.hours}|${schoolsChoice.schoolDays}|${schoolsChoice.categories.join(',')}`
          : null
        : `drug-markets|${window.from}|${window.to}`;
  const answer = useKeyed<ThemeAnswer>(
    key,
    async (signal) => {
      if (!window || !active) throw new Error('no theme');
      if (active.id === 'drug-markets') {
        const result = await fetchDrugMarkets(window, signal);
        return result.ok ? ok({ theme: 'drug-markets', response: result.value }) : result;
      }
      if (!schoolsChoice) throw new Error('no choice');
      const result = await fetchSchoolsRobbery({ ...window, ...schoolsChoice }, signal);
      return result.ok ? ok({ theme: 'schools-robbery', response: result.value }) : result;
    },
    onSessionEnded,
  );

  const loaded = answer?.status === 'loaded' ? answer.value : null;
  const layerData = useMemo<ThemeLayerData | null>(() => {
    if (!loaded) return null;
    return loaded.theme === 'schools-robbery' ? schoolsLayerDataOf(loaded.response, selectedUrn) : drugLayerDataOf(loaded.response, selectedHotspot);
  }, [loaded, selectedUrn, selectedHotspot]);
  const summary = useMemo<ThemeMapSummary | null>(() => {
    if (!loaded || !layerData) return null;
    if (loaded.theme === 'schools-robbery' && layerData.theme === 'schools-robbery') return schoolsSummaryOf(loaded.response, layerData);
    if (loaded.theme === 'drug-markets' && layerData.theme === 'drug-markets') return drugSummaryOf(loaded.response, layerData);
    return null;
  }, [loaded, layerData]);

  const pick = (layerId: string | null, object: unknown): boolean => {
    if (!layerData) return false;
    const picked = themePickOf(layerData, layerId, object);
    if (picked?.kind === 'school') selectSchool((urn) => (urn === picked.urn ? null : picked.urn));
    else if (picked?.kind === 'hotspot') selectHotspot((id) => (id === picked.id ? null : picked.id));
    return picked !== null;
  };

  return {
    themes,
    themesState,
    active,
    schoolsSettings,
    schoolsChoice,
    setSchoolsChoice,
    answer,
    layerData,
    summary,
    selectedUrn,
    selectSchool,
    selectedHotspot,
    selectHotspot,
    pick,
  };
}
