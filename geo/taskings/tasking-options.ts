// The lists a tasking's tactics and team come from. These are the defaults; the partnership
// changes them through PUT /api/tasking-options, and records keep the values they were made with.
export interface TaskingOption {
  /** Stable id stored on taskings (kebab-case). */
  id: string;
  label: string;
}

export const DEFAULT_TACTICS: readonly TaskingOption[] = [
  { id: 'high-visibility-patrol', label: 'High-visibility patrol' },
  { id: 'plain-clothes-patrol', label: 'Plain-clothes patrol' },
  { id: 'weapons-sweep', label: 'Weapons sweep' },
  { id: 'stop-and-search', label: 'Stop and search' },
  { id: 'test-purchase', label: 'Test purchase' },
  { id: 'cctv-monitoring', label: 'CCTV monitoring' },
  { id: 'redeployable-camera', label: 'Redeployable camera' },
  { id: 'youth-outreach', label: 'Youth outreach' },
  { id: 'licensing-visit', label: 'Licensing visit' },
  { id: 'environmental-design-out', label: 'Environmental / design-out' },
  { id: 'other', label: 'Other' },
];

export const DEFAULT_TEAMS: readonly TaskingOption[] = [
  { id: 'ptf', label: 'PTF (Partnership Task Force)' },
  { id: 'theo', label: 'THEO (Tower Hamlets Enforcement Officers)' },
  { id: 'snt', label: 'SNT (Safer Neighbourhood Team)' },
  { id: 'exploitation-team', label: 'Exploitation Team' },
  { id: 'asb-investigations', label: 'ASB Investigations' },
  { id: 'cctv', label: 'CCTV' },
  { id: 'other', label: 'Other' },
];

/** An id from a label: 'Night-time economy team' -> 'night-time-economy-team'. */
export function optionIdOf(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
