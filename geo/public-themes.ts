// What the public view publishes (issue 15): six themes built from the map's layer groups, never
// stop and search (searches are not crimes and are not published) and nothing of cameras,
// taskings or patrols. Pure configuration; the disclosure rules are in geo/disclosure/.
import { categoriesOfGroup } from './categories';

export interface PublicTheme {
  id: string;
  label: string;
  categories: readonly string[];
}

const THEME_GROUPS: readonly { id: string; label: string }[] = [
  { id: 'violence', label: 'Violence and weapons' },
  { id: 'robbery', label: 'Robbery' },
  { id: 'drugs', label: 'Drugs' },
  { id: 'asb', label: 'Anti-social behaviour' },
  { id: 'burglary', label: 'Burglary' },
  { id: 'theft', label: 'Theft' },
];

export const PUBLIC_THEMES: readonly PublicTheme[] = THEME_GROUPS.map((t) => ({
  ...t,
  categories: [...(categoriesOfGroup(t.id) ?? [])].filter((slug) => slug !== 'drugs-stop-search'),
}));

export function publicThemeById(id: string): PublicTheme | undefined {
  return PUBLIC_THEMES.find((t) => t.id === id);
}
