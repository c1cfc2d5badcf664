import type { SessionInfo } from '@nota/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ApiRequestError, setCsrfToken, whenUnauthenticated } from './api/client';
import { api } from './api/endpoints';
import { ErrorState, Loading } from './components/States';
import { SignInPage } from './pages/SignInPage';

const SESSION_KEY = ['session'] as const;
const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in user; only used below SessionGate, which renders nothing else signed out. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}

/** Remembers a session (sign-in, or the server's answer) and its CSRF token for every write after it. */
export function useSetSession() {
  const queryClient = useQueryClient();
  return (session: SessionInfo | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    if (!session) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    queryClient.setQueryData(SESSION_KEY, session);
  };
}

async function currentSession(): Promise<SessionInfo | null> {
  try {
    const session = await api.auth.session();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

/** Signed in: the app. Signed out (or any 401 later): the sign-in page, on the same address. */
export function SessionGate({ children }: { children: ReactNode }) {
  const setSession = useSetSession();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: currentSession, retry: false, staleTime: Infinity });
  useEffect(() => whenUnauthenticated(() => setSession(null)), [setSession]);
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <SignInPage onSignedIn={setSession} />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
