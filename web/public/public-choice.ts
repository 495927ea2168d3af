// The public page's choice (theme, month, ward) in the address, so a link shows the same page.
export interface PublicChoice {
  theme: string | null;
  month: string | null;
  ward: string | null;
}

export function readPublicChoice(search: string): PublicChoice {
  const params = new URLSearchParams(search);
  const month = params.get('month');
  return { theme: params.get('theme'), month: month && /^\d{4}-\d{2}$/.test(month) ? month : null, ward: params.get('ward') };
}

export function publicChoiceSearch(choice: PublicChoice): string {
  const params = new URLSearchParams();
  if (choice.theme) params.set('theme', choice.theme);
  if (choice.month) params.set('month', choice.month);
  if (choice.ward) params.set('ward', choice.ward);
  return `?${params.toString()}`;
}

/** Replaces the address (no new history entry per choice) when it differs. */
export function writePublicChoice(choice: PublicChoice): void {
  const search = publicChoiceSearch(choice);
  if (window.location.search !== search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
}
