import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiToken, setCsrfToken } from './api';
import { publicApiClient, ok, type Schema } from './api/client';

/** The server's roles, less `service`: machine clients call the API with client credentials and never sign in here. */
export type Role = Exclude<Schema<'Role'>, 'service'>;

export interface Session {
  /** Demo sign-in: a bearer token kept in this tab. Provider sign-in: empty (the session is an HttpOnly cookie). */
  token: string;
  /** `provider`: signed in through the OpenID Provider; the server holds the session. */
  kind: 'demo' | 'provider';
  role: Role;
  subjectId?: string;
  departmentId?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** Shown in the header; from the demo picker, absent with an identity provider. */
  displayName?: string;
}

const STORAGE_KEY = 'akasse.session';

/** Reads the claims of a JWT without verifying it: the API verifies; the app only needs the role. */
export function sessionFromToken(token: string, displayName?: string): Session | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as {
      role?: Role;
      sub?: string;
      dep?: string;
      exp?: number;
    };
    if (!claims.role) return null;
    return {
      token,
      kind: 'demo',
      role: claims.role,
      subjectId: claims.sub,
      departmentId: claims.dep,
      expiresAt: claims.exp ?? Number.MAX_SAFE_INTEGER,
      displayName,
    };
  } catch {
    return null;
  }
}

function readStoredSession(): Session | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return null;
    const session = JSON.parse(stored) as Session;
    return session.expiresAt * 1000 > Date.now() ? { ...session, kind: 'demo' } : null;
  } catch {
    return null;
  }
}

/** Where the browser goes to sign in with the identity provider, coming back to `returnTo` (a path under /app). */
export function providerSignInUrl(returnTo: string): string {
  return `/api/auth/login?returnTo=${encodeURIComponent(returnTo.startsWith('/app') ? returnTo : `/app${returnTo}`)}`;
}

interface AuthState {
  session: Session | null;
  /** Still asking the server whether a provider session exists. */
  checking: boolean;
  /** Signed in with the provider, but the identity is not linked to a member or staff member yet. */
  unlinked: boolean;
  signIn(session: Session): void;
  signOut(reason?: string): void;
  /** Asks the server again (after linking the identity). */
  refresh(): Promise<void>;
  /** Why the last session ended (expired token), shown on the sign-in page. */
  signOutReason: string | null;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = readStoredSession();
    setApiToken(stored?.token ?? null);
    return stored;
  });
  const [checking, setChecking] = useState(() => session === null);
  const [unlinked, setUnlinked] = useState(false);
  const [signOutReason, setSignOutReason] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const server = await ok(publicApiClient.GET('/api/auth/session'));
      setCsrfToken(server.csrfToken);
      setUnlinked(!server.linked);
      if (server.linked && server.role && server.role !== 'service') {
        setSession({
          token: '',
          kind: 'provider',
          role: server.role,
          subjectId: server.subjectId,
          departmentId: server.departmentId,
          expiresAt: Date.parse(server.expiresAt) / 1000,
        });
      }
    } catch {
      // No provider session (401): the sign-in page offers the ways in.
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    if (checking) void refresh();
    // Only once, on load: later checks are explicit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setApiToken(next.token);
    setSignOutReason(null);
    setSession(next);
  }, []);

  const signOut = useCallback(
    (reason?: string) => {
      sessionStorage.removeItem(STORAGE_KEY);
      setApiToken(null);
      setSignOutReason(reason ?? null);
      setSession(null);
      if (session?.kind === 'provider' || unlinked) {
        // Ends the server session, then the provider's, which sends the browser back to the sign-in page.
        void ok(publicApiClient.POST('/api/auth/logout'))
          .then((result) => window.location.assign(result.endSessionUrl ?? '/app/sign-in'))
          .catch(() => window.location.assign('/app/sign-in'))
          .finally(() => setCsrfToken(null));
        setUnlinked(false);
      }
    },
    [session, unlinked],
  );

  const value = useMemo(
    () => ({ session, checking, unlinked, signIn, signOut, refresh, signOutReason }),
    [session, checking, unlinked, signIn, signOut, refresh, signOutReason],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

export const COORDINATOR_ROLES: readonly Role[] = ['office-coordinator', 'central-coordinator', 'admin'];
export const STAFF_ROLES: readonly Role[] = [
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
  'admin',
];
export const CENTRAL_ROLES: readonly Role[] = ['central-coordinator', 'admin'];

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  if (role === 'member') return '/member';
  if (role === 'adviser' || role === 'job-consultant' || role === 'pre-unemployment') return '/office';
  return '/coordinator/capacity';
}
