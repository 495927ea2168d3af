// Incident categories. Slugs are data.police.uk's own API slugs for its 14 street-crime
// types, so police.uk users recognise them; partner systems add a few of their own.

export interface Category {
  slug: string;
  label: string;
  /** Where the category comes from: police.uk street crime, or partner (CAD/CRIS/council) logs. */
  origin: 'police.uk' | 'partner';
  /**
   * Proactive offences are found by police activity (stop and search, warrants), so their
   * counts measure enforcement as much as crime (DOMAIN.md): show them as counts, never harm.
   */
  proactive: boolean;
  /**
   * A search record, not a crime (a partner system exporting stop and search as incidents):
   * kept if imported, but in no layer group, so no crime layer counts it unless asked by name
   * (issue 11; police.uk stop-and-search files go to their own table).
   */
  search?: true;
}

export const CATEGORIES: readonly Category[] = [
  { slug: 'anti-social-behaviour', label: 'Anti-social behaviour', origin: 'police.uk', proactive: false },
  { slug: 'bicycle-theft', label: 'Bicycle theft', origin: 'police.uk', proactive: false },
  { slug: 'burglary', label: 'Burglary', origin: 'police.uk', proactive: false },
  { slug: 'criminal-damage-arson', label: 'Criminal damage and arson', origin: 'police.uk', proactive: false },
  { slug: 'drugs', label: 'Drugs', origin: 'police.uk', proactive: true },
  { slug: 'other-theft', label: 'Other theft', origin: 'police.uk', proactive: false },
  { slug: 'possession-of-weapons', label: 'Possession of weapons', origin: 'police.uk', proactive: true },
  { slug: 'public-order', label: 'Public order', origin: 'police.uk', proactive: false },
  { slug: 'robbery', label: 'Robbery', origin: 'police.uk', proactive: false },
  { slug: 'shoplifting', label: 'Shoplifting', origin: 'police.uk', proactive: false },
  { slug: 'theft-from-the-person', label: 'Theft from the person', origin: 'police.uk', proactive: false },
  { slug: 'vehicle-crime', label: 'Vehicle crime', origin: 'police.uk', proactive: false },
  { slug: 'violent-crime', label: 'Violence and sexual offences', origin: 'police.uk', proactive: false },
  { slug: 'other-crime', label: 'Other crime', origin: 'police.uk', proactive: false },
  { slug: 'knife-crime', label: 'Knife crime (partner)', origin: 'partner', proactive: false },
  { slug: 'serious-violence', label: 'Serious violence (partner)', origin: 'partner', proactive: false },
  { slug: 'drug-related-asb', label: 'Drug-related ASB report (partner)', origin: 'partner', proactive: false },
  { slug: 'drugs-stop-search', label: 'Drugs stop and search (partner)', origin: 'partner', proactive: true, search: true },
];

/** The layer groups the tasking meeting works with (DOMAIN.md "The layers the meeting needs"). */
export interface CategoryGroup {
  id: string;
  label: string;
  categories: readonly string[];
}

export const CATEGORY_GROUPS: readonly CategoryGroup[] = [
  {
    id: 'violence',
    label: 'Violence and weapons',
    categories: ['violent-crime', 'possession-of-weapons', 'knife-crime', 'serious-violence'],
  },
  { id: 'robbery', label: 'Robbery', categories: ['robbery'] },
  { id: 'drugs', label: 'Drug markets', categories: ['drugs', 'drug-related-asb'] },
  { id: 'asb', label: 'Anti-social behaviour', categories: ['anti-social-behaviour', 'drug-related-asb'] },
  { id: 'burglary', label: 'Burglary', categories: ['burglary'] },
  {
    id: 'theft',
    label: 'Theft',
    categories: ['bicycle-theft', 'other-theft', 'shoplifting', 'theft-from-the-person', 'vehicle-crime'],
  },
  { id: 'all', label: 'All incidents', categories: [] /* filled below */ },
];

const BY_SLUG = new Map(CATEGORIES.map((c) => [c.slug, c]));
const BY_LABEL = new Map(CATEGORIES.map((c) => [c.label.toLowerCase(), c]));
// data.police.uk CSVs and its API spell a few types differently over the years.
const ALIASES = new Map<string, string>([
  ['violence and sexual offences', 'violent-crime'],
  ['violent crime', 'violent-crime'],
  ['violence-and-sexual-offences', 'violent-crime'],
  ['criminal damage & arson', 'criminal-damage-arson'],
  ['public disorder and weapons', 'public-order'],
]);

export function categoryBySlug(slug: string): Category | undefined {
  return BY_SLUG.get(slug);
}

/** Finds a category by slug, police.uk label or known alias (case-insensitive). */
export function resolveCategory(text: string): Category | undefined {
  const key = text.trim().toLowerCase();
  return BY_SLUG.get(key) ?? BY_LABEL.get(key) ?? BY_SLUG.get(ALIASES.get(key) ?? '');
}

export function categoriesOfGroup(groupId: string): readonly string[] | undefined {
  if (groupId === 'all') return CATEGORIES.filter((c) => !c.search).map((c) => c.slug);
  return CATEGORY_GROUPS.find((g) => g.id === groupId)?.categories;
}
