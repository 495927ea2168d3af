// The theme on screen: the themes the server offers (GET /api/themes), the one chosen, its
// choices (defaults from the theme's settings), its answer for the window on screen, the row
// picked in its table, and what the map draws for it. The staff map only wires this in.
import { useMemo, useState } from 'react';
import { ok } from '../../geo/types';
import { useKeyed, type Loadable } from '../use-view-data';
import {
  fetchDrugMarkets,
  fetchSchoolsRobbery,
  fetchSeriousViolence,
  fetchThemes,
  type DrugMarketsResponse,
  type SchoolsRobberyResponse,
  type SeriousViolenceResponse,
  type ThemeDefinition,
  type ThemesResponse,
} from './theme-api';
import {
  drawnThemes,
  schoolsSettingsOf,
  violenceSettingsOf,
  type DrawnThemeId,
  type SchoolsChoice,
  type SchoolsSettings,
  type ViolenceChoice,
  type ViolenceSettings,
} from './theme-settings';
import {
  drugLayerDataOf,
  drugSummaryOf,
  schoolsLayerDataOf,
  schoolsSummaryOf,
  themePickOf,
  violenceLayerDataOf,
  violenceSummaryOf,
  type ThemeLayerData,
  type ThemeMapSummary,
} from './theme-layers';

export type ThemeAnswer =
  | { theme: 'schools-robbery'; response: SchoolsRobberyResponse }
  | { theme: 'drug-markets'; response: DrugMarketsResponse }
  | { theme: 'serious-violence'; response: SeriousViolenceResponse };

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
  violenceSettings: ViolenceSettings | null;
  violenceChoice: ViolenceChoice | null;
  setViolenceChoice: (choice: ViolenceChoice) => void;
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
  const violenceTheme = themes.find((t) => t.id === 'serious-violence') ?? null;
  const violenceSettings = useMemo(() => (violenceTheme ? violenceSettingsOf(violenceTheme) : null), [violenceTheme]);
  const [chosenViolence, setViolenceChoice] = useState<ViolenceChoice | null>(null);
  const violenceChoice = chosenViolence ?? violenceSettings?.defaults ?? null;
  const [selectedUrn, selectSchool] = useState<string | null>(null);
  const [selectedHotspot, selectHotspot] = useState<number | null>(null);

  const key = themeKey(active?.id ?? null, window, schoolsChoice, violenceChoice);
  const answer = useKeyed<ThemeAnswer>(
    key,
    async (signal) => {
      if (!window || !active) throw new Error('no theme');
      switch (active.id) {
        case 'drug-markets': {
          const result = await fetchDrugMarkets(window, signal);
          return result.ok ? ok({ theme: 'drug-markets', response: result.value }) : result;
        }
        case 'serious-violence': {
          if (!violenceChoice) throw new Error('no choice');
          const result = await fetchSeriousViolence({ ...window, ...violenceChoice }, signal);
          return result.ok ? ok({ theme: 'serious-violence', response: result.value }) : result;
        }
        case 'schools-robbery': {
          if (!schoolsChoice) throw new Error('no choice');
          const result = await fetchSchoolsRobbery({ ...window, ...schoolsChoice }, signal);
          return result.ok ? ok({ theme: 'schools-robbery', response: result.value }) : result;
        }
      }
    },
    onSessionEnded,
  );

  const loaded = answer?.status === 'loaded' ? answer.value : null;
  const layerData = useMemo<ThemeLayerData | null>(() => {
    if (!loaded) return null;
    switch (loaded.theme) {
      case 'schools-robbery':
        return schoolsLayerDataOf(loaded.response, selectedUrn);
      case 'drug-markets':
        return drugLayerDataOf(loaded.response, selectedHotspot);
      case 'serious-violence':
        return violenceLayerDataOf(loaded.response, selectedHotspot);
    }
  }, [loaded, selectedUrn, selectedHotspot]);
  const summary = useMemo<ThemeMapSummary | null>(() => {
    if (!loaded || !layerData) return null;
    if (loaded.theme === 'schools-robbery' && layerData.theme === 'schools-robbery') return schoolsSummaryOf(loaded.response, layerData);
    if (loaded.theme === 'drug-markets' && layerData.theme === 'drug-markets') return drugSummaryOf(loaded.response, layerData);
    if (loaded.theme === 'serious-violence' && layerData.theme === 'serious-violence') return violenceSummaryOf(loaded.response, layerData);
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
    violenceSettings,
    violenceChoice,
    setViolenceChoice,
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

/** The answer's key: the theme, the window and the theme's choices; null while something is missing. */
function themeKey(id: DrawnThemeId | null, window: ThemeWindow | null, schools: SchoolsChoice | null, violence: ViolenceChoice | null): string | null {
  if (!id || !window) return null;
  const span = `${window.from}|${window.to}`;
  switch (id) {
    case 'drug-markets':
      return `drug-markets|${span}`;
    case 'serious-violence':
      return violence ? `serious-violence|${span}|${violence.includeDwellings}|${violence.categories.join(',')}` : null;
    case 'schools-robbery':
      return schools ? `schools-robbery|${span}|${schools.bufferMeters}|${schools.hours}|${schools.schoolDays}|${schools.categories.join(',')}` : null;
  }
}
