// Sign-in: takes a token once and keeps it for this browser session (sessionStorage: gone when the tab
// closes, never sent anywhere but this server).
import { useState, type FormEvent } from 'react';
import { ApiFailure, api, ok, setToken } from './api/client.ts';
import { messageOf, useSubmit } from './useSubmit.ts';

export function SignIn({ onSignedIn, reason }: { onSignedIn: () => void; reason?: string }) {
  const [token, setTokenText] = useState('');
  const { busy, error, setError, run } = useSubmit<string | null>(null, (err) => (err instanceof ApiFailure && err.status === 401 ? 'That token is not valid.' : messageOf(err)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) {
      setError('Enter the token you were given.');
      return;
    }
    void run(async () => {
      // Checked before it is kept, so a typo gets a message here instead of a page of errors.
      await ok(api.GET('/api/session', { headers: { authorization: `Bearer ${t}` } }));
      setToken(t);
      onSignedIn();
    });
  };

  return (
    <main className="page sign-in">
      <h1>Sign in to Rebound</h1>
      <p>This server requires an access token. {reason && <span className="muted">({reason})</span>}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="token">Access token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setTokenText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : 'token-help'}
          autoFocus
        />
        <p id="token-help" className="help">Kept for this browser tab only; closing it signs you out.</p>
        {error && <p id="token-error" className="field-error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
