/** Who is signed in: the login answer kept for this browser tab only (sessionStorage), dropped on logout or a 401. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { call, client, session } from './api';
import type { Role, SignedInUser } from './types';

const USER_KEY = 'motcua.user';

interface AuthState {
  user: SignedInUser | null;
  login(username: string, password: string): Promise<SignedInUser>;
  logout(): void;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

function storedUser(): SignedInUser | null {
  if (!session.token()) return null;
  try {
    return JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as SignedInUser | null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null>(storedUser);
  const logout = useCallback(() => {
    session.set(null);
    sessionStorage.removeItem(USER_KEY);
    setUser(null);
  }, []);
  useEffect(() => session.onUnauthorized(logout), [logout]);
  const value = useMemo<AuthState>(
    () => ({
      user,
      async login(username, password) {
        const res = await call(client.POST('/api/v1/auth/login', { body: { username, password } }));
        session.set(res.accessToken);
        sessionStorage.setItem(USER_KEY, JSON.stringify(res.user));
        setUser(res.user);
        return res.user;
      },
      logout,
      hasRole: (...roles) => !!user && user.roles.some((r) => r === 'admin' || roles.includes(r)),
    }),
    [user, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The first screen for a user's main role. */
export function homePath(user: SignedInUser): string {
  const roles = user.roles;
  if (roles.includes('admin') || roles.includes('supervisor')) return '/giam-sat';
  if (roles.includes('reception')) return '/tiep-nhan';
  return '/cong-viec';
}
