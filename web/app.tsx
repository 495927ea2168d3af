// Who is signed in decides the page: the login form, or the map for that role. The public page
// (/public) needs no sign-in, and is what the public role sees; it is loaded only when shown.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { fetchCurrentUser, signOut, type User } from './api-client';
import { LoginPage } from './login-page';
import { MapPage } from './map-page';

const PublicPage = lazy(() => import('./public/public-page'));
const PatrolsPage = lazy(() => import('./patrols/patrols-page'));
const BriefingPage = lazy(() => import('./patrols/briefing-page'));
// The officer's phone (decision 038): an officer's only page, and /patrol/:planId for anyone signed in.
const PatrolApp = lazy(() => import('./patrol/patrol-app'));

function publicPage() {
  return (
    <Suspense fallback={<p className="page-message">Loading…</p>}>
      <PublicPage />
    </Suspense>
  );
}

/** The plan id of /patrol-plans/:id/briefing, the printed patrol briefing (staff), or null. */
const briefingPlanId = () => {
  const id = /^\/patrol-plans\/(\d+)\/briefing\/?$/.exec(window.location.pathname)?.[1];
  return id === undefined ? null : Number(id);
};

/** The public page's address: anyone may open it, signed in or not. */
const onPublicPath = () => window.location.pathname === '/public' || window.location.pathname.startsWith('/public/');

type Session = { status: 'checking' } | { status: 'signed-out'; notice: string | null } | { status: 'signed-in'; user: User };

export function App() {
  return onPublicPath() ? publicPage() : <SignedInApp />;
}

function SignedInApp() {
  const [session, setSession] = useState<Session>({ status: 'checking' });

  useEffect(() => {
    void fetchCurrentUser().then((result) => {
      if (result.ok && result.value) setSession({ status: 'signed-in', user: result.value });
      else setSession({ status: 'signed-out', notice: result.ok ? null : result.reason.message });
    });
  }, []);

  const onSessionEnded = useCallback(() => setSession({ status: 'signed-out', notice: 'Your session has ended: sign in again.' }), []);
  const onSignOut = useCallback(() => {
    void signOut().then(() => setSession({ status: 'signed-out', notice: 'You are signed out.' }));
  }, []);

  if (session.status === 'checking') return <p className="page-message">Loading…</p>;
  if (session.status === 'signed-out') {
    return <LoginPage notice={session.notice} onSignedIn={(user) => setSession({ status: 'signed-in', user })} />;
  }
  // Safer Neighbourhood Board members see what residents see.
  if (session.user.role === 'public') return publicPage();
  if (session.user.role === 'officer' || window.location.pathname.startsWith('/patrol/')) {
    return (
      <Suspense fallback={<p className="page-message">Loading…</p>}>
        <PatrolApp user={session.user} onSignOut={onSignOut} onSessionEnded={onSessionEnded} />
      </Suspense>
    );
  }
  if (window.location.pathname === '/patrols') {
    return (
      <Suspense fallback={<p className="page-message">Loading…</p>}>
        <PatrolsPage user={session.user} onSignOut={onSignOut} />
      </Suspense>
    );
  }
  const planId = briefingPlanId();
  if (planId !== null) {
    return (
      <Suspense fallback={<p className="page-message">Loading…</p>}>
        <BriefingPage planId={planId} />
      </Suspense>
    );
  }
  return <MapPage user={session.user} onSignOut={onSignOut} onSessionEnded={onSessionEnded} />;
}
