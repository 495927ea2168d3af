// Who is signed in decides the page: the login form, or the map for that role.
import { useCallback, useEffect, useState } from 'react';
import { fetchCurrentUser, signOut, type User } from './api-client';
import { LoginPage } from './login-page';
import { MapPage } from './map-page';

type Session = { status: 'checking' } | { status: 'signed-out'; notice: string | null } | { status: 'signed-in'; user: User };

export function App() {
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
  return <MapPage user={session.user} onSignOut={onSignOut} onSessionEnded={onSessionEnded} />;
}
