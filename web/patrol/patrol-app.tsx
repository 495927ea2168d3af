// The officer's phone (issue 13, decision 038), loaded only when shown: /patrol/:planId is one
// plan; anywhere else an officer sees the list of their plans from today on.
import type { User } from '../api-client';
import { OfficerPlans } from './officer-plans';
import { PlanPage } from './plan-page';
import './patrol.css';

export interface PatrolAppProps {
  user: User;
  onSignOut: () => void;
  onSessionEnded: () => void;
}

/** The plan id of a /patrol/:planId address, or null. */
export function planIdOfPath(pathname: string): number | null {
  const match = /^\/patrol\/(\d{1,9})\/?$/.exec(pathname);
  return match ? Number(match[1]) : null;
}

export default function PatrolApp({ user, onSignOut, onSessionEnded }: PatrolAppProps) {
  const planId = planIdOfPath(window.location.pathname);
  return (
    <div className="patrol">
      <header className="patrol-bar">
        <span className="patrol-who">{user.name}</span>
        <button type="button" className="patrol-signout" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {planId === null ? <OfficerPlans onSessionEnded={onSessionEnded} /> : <PlanPage planId={planId} onSessionEnded={onSessionEnded} />}
    </div>
  );
}
