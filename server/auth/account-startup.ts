// What start-up does about accounts, and says: the demo accounts exist only where the demo
// data is, and a database without a usable account says how to make the first one.
import type { Db } from '../db/open-database';
import { hasDemoData } from '../store/import-batches';
import { countUsableAccounts, enabledDemoAccounts, purgeSessions, seedDemoAccounts, type SessionPolicy } from './auth-queries';

/** Seeds or refuses the demo accounts, purges stale sessions, and returns what to tell whoever started the server. */
export function prepareAccounts(db: Db, now: Date, sessions: SessionPolicy): string[] {
  const messages: string[] = [];
  const demoData = hasDemoData(db);
  if (demoData) {
    const seeded = seedDemoAccounts(db, now);
    messages.push(
      `This database holds the demo data, so the demo accounts sign in${seeded > 0 ? ' (seeded now)' : ''}: chair, planner, analyst, public and officer, passwords in the README (Demo accounts).`,
    );
  } else {
    const demo = enabledDemoAccounts(db);
    if (demo.length > 0) {
      messages.push(
        `This database holds no demo data, so its demo accounts (${demo.join(', ')}) are refused at sign-in. ` +
          `Disable them for good with: npm run users -- disable <name>.`,
      );
    }
    if (countUsableAccounts(db, false) === 0) {
      messages.push('No accounts yet. Create the first one with: npm run users -- add <user name> --role chair (it asks for the password).');
    }
  }
  const purged = purgeSessions(db, now, sessions, demoData);
  if (purged > 0) messages.push(`Ended ${purged} expired session${purged === 1 ? '' : 's'}.`);
  return messages;
}
