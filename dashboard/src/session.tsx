// Who is signed in and what they may do. With REBOUND_TOKENS unset the server treats local callers as admin and
// there is nothing to sign in to; with tokens, a 401 anywhere sends the user to the sign-in page.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionInfo } from '#shared/schema/data-summary.ts';
import { setToken, UNAUTHORIZED_EVENT } from './api/client.ts';
import { useSessionQuery } from './api/hooks.ts';
import { clearQueries } from './api/query.ts';
import { ErrorBox, Loading } from './components/States.tsx';
import { SignIn } from './SignIn.tsx';

export interface Session extends SessionInfo {
  /** Editors and admins write: declare incidents, edit the checklist and notes, upload files. */
  canEdit: boolean;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function signOut(): void {
  setToken(null);
  clearQueries();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    const onUnauthorized = () => setExpired(true);
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);
  const onSignedIn = () => {
    setExpired(false);
    clearQueries();
  };

  if (session.status === 'loading') return <main className="page"><Loading what="your session" /></main>;
  if (session.status === 'error') {
    if (session.error.status === 401) return <SignIn onSignedIn={onSignedIn} reason={session.error.message} />;
    return <main className="page"><ErrorBox what="the session" error={session.error} retryKey={['session']} /></main>;
  }
  if (expired && session.data.tokens_required) return <SignIn onSignedIn={onSignedIn} reason="Your token was not accepted; sign in again." />;
  const value: Session = {
    ...session.data,
    canEdit: session.data.role !== 'viewer',
    signOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
