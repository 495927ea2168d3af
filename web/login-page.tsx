import { useState, type FormEvent } from 'react';
import { signIn, type User } from './api-client';

export interface LoginPageProps {
  notice: string | null;
  onSignedIn: (user: User) => void;
}

export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(username.trim(), password);
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.reason.message);
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Tasking Map</h1>
        <p className="login-sub">Tower Hamlets Community Safety Partnership</p>
        {notice && <p role="status">{notice}</p>}
        <label htmlFor="login-username">User name</label>
        <input id="login-username" name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        {error && (
          <p className="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="fine-print">Demo accounts: see the README.</p>
      </form>
    </main>
  );
}
