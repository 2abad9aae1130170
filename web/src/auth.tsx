import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiToken } from './api';

export type Role = 'member' | 'adviser' | 'office-coordinator' | 'central-coordinator' | 'admin';

export interface Session {
  token: string;
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
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { role?: Role; sub?: string; dep?: string; exp?: number };
    if (!claims.role) return null;
    return { token, role: claims.role, subjectId: claims.sub, departmentId: claims.dep, expiresAt: claims.exp ?? Number.MAX_SAFE_INTEGER, displayName };
  } catch {
    return null;
  }
}

function readStoredSession(): Session | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return null;
    const session = JSON.parse(stored) as Session;
    return session.expiresAt * 1000 > Date.now() ? session : null;
  } catch {
    return null;
  }
}

interface AuthState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(reason?: string): void;
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
  const [signOutReason, setSignOutReason] = useState<string | null>(null);

  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setApiToken(next.token);
    setSignOutReason(null);
    setSession(next);
  }, []);

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setApiToken(null);
    setSignOutReason(reason ?? null);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut, signOutReason }), [session, signIn, signOut, signOutReason]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

export const COORDINATOR_ROLES: readonly Role[] = ['office-coordinator', 'central-coordinator', 'admin'];
export const STAFF_ROLES: readonly Role[] = ['adviser', 'office-coordinator', 'central-coordinator', 'admin'];
export const CENTRAL_ROLES: readonly Role[] = ['central-coordinator', 'admin'];

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  if (role === 'member') return '/member';
  if (role === 'adviser') return '/office';
  return '/coordinator/capacity';
}
