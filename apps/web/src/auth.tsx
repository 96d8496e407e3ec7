/**
 * Who is signed in: the login answer kept for this browser tab only (sessionStorage), dropped on logout. A token the API
 * refuses asks for the password again in a dialog over the current page, so an unsaved form survives an expired session.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { call, client, session } from './api';
import { SessionExpiredDialog } from './session-expired-dialog';
import type { Role, SignedInUser } from './types';

const USER_KEY = 'motcua.user';
/** Set while the account must enrol a second factor before anything else (the login answer's twoFactorSetupRequired). */
const TWO_FACTOR_SETUP_KEY = 'motcua.two-factor-setup';

interface AuthState {
  user: SignedInUser | null;
  login(username: string, password: string, totpCode?: string): Promise<SignedInUser>;
  /** The API opens only the second-factor enrolment to this account until it has one (REQUIRE_2FA_ROLES). */
  twoFactorSetupRequired: boolean;
  twoFactorSetUp(): void;
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
  const [twoFactorSetupRequired, setTwoFactorSetupRequired] = useState(() => sessionStorage.getItem(TWO_FACTOR_SETUP_KEY) === 'true');
  const logout = useCallback(() => {
    const token = session.token();
    // The API ends the session on every process; the tab forgets it whether or not the API answers.
    if (token) void client.POST('/api/v1/auth/logout', { body: {}, headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
    session.set(null);
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(TWO_FACTOR_SETUP_KEY);
    setUser(null);
    setTwoFactorSetupRequired(false);
  }, []);
  // One dialog for every request refused meanwhile; each is sent again once the officer has signed in.
  const [expired, setExpired] = useState(false);
  const relogin = useRef<{ done: Promise<boolean>; finish(ok: boolean): void } | null>(null);
  useEffect(
    () =>
      session.onUnauthorized(() => {
        if (!sessionStorage.getItem(USER_KEY)) return Promise.resolve(false);
        if (!relogin.current) {
          let finish: (ok: boolean) => void = () => undefined;
          const done = new Promise<boolean>((resolve) => (finish = resolve));
          relogin.current = { done, finish };
          setExpired(true);
        }
        return relogin.current.done;
      }),
    [],
  );
  const finishRelogin = useCallback(
    (ok: boolean) => {
      relogin.current?.finish(ok);
      relogin.current = null;
      setExpired(false);
      if (!ok) logout();
    },
    [logout],
  );
  // Keys and clicks keep the session alive (the token is refreshed); time spent away from the desk does not.
  useEffect(() => {
    if (!user) return undefined;
    const onActivity = () => session.active();
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) document.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, onActivity, { capture: true });
    };
  }, [user]);
  const value = useMemo<AuthState>(
    () => ({
      user,
      async login(username, password, totpCode) {
        const res = await call(client.POST('/api/v1/auth/login', { body: { username, password, ...(totpCode ? { totpCode } : {}) } }));
        session.set(res.accessToken);
        sessionStorage.setItem(USER_KEY, JSON.stringify(res.user));
        setUser(res.user);
        sessionStorage.setItem(TWO_FACTOR_SETUP_KEY, String(res.twoFactorSetupRequired));
        setTwoFactorSetupRequired(res.twoFactorSetupRequired);
        return res.user;
      },
      twoFactorSetupRequired,
      twoFactorSetUp() {
        sessionStorage.removeItem(TWO_FACTOR_SETUP_KEY);
        setTwoFactorSetupRequired(false);
      },
      logout,
      hasRole: (...roles) => !!user && user.roles.some((r) => r === 'admin' || roles.includes(r)),
    }),
    [user, logout, twoFactorSetupRequired],
  );
  return (
    <AuthContext.Provider value={value}>
      {children}
      {expired && user ? <SessionExpiredDialog username={user.username} onDone={finishRelogin} /> : null}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The screen where an officer sets up or turns off the second factor (TOTP). */
export const TWO_FACTOR_PATH = '/tai-khoan/xac-thuc-hai-buoc';

/** The first screen for a user's main role. */
export function homePath(user: SignedInUser): string {
  const roles = user.roles;
  if (roles.includes('admin') || roles.includes('supervisor')) return '/giam-sat';
  if (roles.includes('reception')) return '/tiep-nhan';
  return '/cong-viec';
}
