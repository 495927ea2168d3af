// Partner flags on the demo's incidents (geo/incident-flags.ts), for the serious-violence theme.
// The demo stands for a partner system that records flags on its violence, weapons, robbery and
// public order records: those get every flag (yes or no) and a location type; other records carry
// none ("not recorded"). Every demo record counts as coming from a flagged source. Drawn from a
// random stream of its own after everything else, so no incident, time or place changes.
import type { IncidentFlags } from '../incident-flags';
import { createRandom } from './random';
import type { PlantedKind } from './planted-patterns';

/** Categories whose demo records carry flags. */
export const DEMO_FLAGGED_CATEGORIES: readonly string[] = [
  'violent-crime',
  'serious-violence',
  'knife-crime',
  'possession-of-weapons',
  'robbery',
  'public-order',
];

/** The shares drawn, as docs/demo-data.md states them. */
export const DEMO_FLAG_SHARES = {
  /** Of serious-violence records (knife-crime records always have one). */
  knifeOfSeriousViolence: 0.3,
  knifeOfRobbery: 0.05,
  /** Of serious-violence and possession-of-weapons records. */
  firearm: 0.03,
  corrosive: 0.01,
  /** Background violence: domestic abuse at home (location dwelling). */
  domesticAtHome: 0.3,
  /** Background violence: domestic abuse in a public place. */
  domesticInPublic: 0.04,
  /** Background violence and public order: hate crime. */
  hate: 0.02,
  /** Background violence with a victim under 25 (every planted under-18 record has one, as do the planted school robberies). */
  victimUnder25: 0.1,
} as const;

export interface DemoFlagRecord {
  category: string;
  /** The planted pattern's kind, null for background (and planted taskings). */
  kind: PlantedKind | null;
}

/** Flags per record, in the order given (time order). */
export function demoFlags(seed: number, records: readonly DemoFlagRecord[]): IncidentFlags[] {
  const random = createRandom(seed, 'flags');
  const s = DEMO_FLAG_SHARES;
  return records.map(({ category, kind }) => {
    if (!DEMO_FLAGGED_CATEGORIES.includes(category)) return { flagged: true };
    // Draw every share for every flagged record, so one record's flags never shift another's.
    const draws = Array.from({ length: 8 }, () => random.next());
    const background = kind === null;
    const violence = category === 'violent-crime';
    const knife =
      category === 'knife-crime' ||
      (category === 'serious-violence' && draws[0]! < s.knifeOfSeriousViolence) ||
      (category === 'robbery' && draws[0]! < s.knifeOfRobbery);
    const firearm = (category === 'serious-violence' || category === 'possession-of-weapons') && draws[1]! < s.firearm;
    const corrosive = (category === 'serious-violence' || category === 'knife-crime') && draws[2]! < s.corrosive;
    const domesticAtHome = background && violence && draws[3]! < s.domesticAtHome;
    const domesticInPublic = background && violence && !domesticAtHome && draws[3]! < s.domesticAtHome + s.domesticInPublic;
    const hate = background && (violence || category === 'public-order') && !domesticAtHome && draws[4]! < s.hate;
    const victimUnder25 =
      kind === 'under18-violence-school-morning' || kind === 'robbery-near-school' || (background && violence && draws[5]! < s.victimUnder25);
    return {
      flagged: true,
      knife,
      firearm,
      corrosive,
      domestic: domesticAtHome || domesticInPublic,
      hate,
      victimUnder25,
      locationType: domesticAtHome ? 'dwelling' : 'public',
    };
  });
}
