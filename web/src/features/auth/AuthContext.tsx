// The signed-in user. Loaded from GET /api/auth/session at start; 401 anywhere sends the user to the
// login page, 403 PASSWORD_CHANGE_REQUIRED to the change-password page.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, setApiHandlers, setCsrfToken } from '../../api/client';
import type { SessionResponse, SessionUser } from '../../api/types';

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; user: SessionUser };

export interface Auth {
  state: State;
  user: SessionUser | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Reloads the session (after a password change, for instance). */
  refresh: () => Promise<SessionUser | null>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;

  const accept = useCallback((r: SessionResponse) => {
    setCsrfToken(r.csrfToken);
    setState({ status: 'authenticated', user: r.user });
    return r.user;
  }, []);

  const refresh = useCallback(async () => {
    try {
      return accept(await api.get<SessionResponse>('/api/auth/session', undefined, { quiet: true }));
    } catch {
      setCsrfToken('');
      setState({ status: 'anonymous' });
      return null;
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setApiHandlers({
      onUnauthenticated: () => {
        setCsrfToken('');
        setState({ status: 'anonymous' });
        const here = locationRef.current;
        if (here.pathname !== '/login')
          navigate('/login', { replace: true, state: { from: here.pathname + here.search } });
      },
      onPasswordChangeRequired: () => {
        setState((s) =>
          s.status === 'authenticated' ? { status: 'authenticated', user: { ...s.user, mustChangePassword: true } } : s,
        );
        navigate('/change-password', { replace: true });
      },
    });
    return () => setApiHandlers({});
  }, [navigate]);

  const login = useCallback(
    async (username: string, password: string) =>
      accept(await api.post<SessionResponse>('/api/auth/login', { username, password }, { quiet: true })),
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { quiet: true });
    } catch {
      /* the session may already be gone */
    }
    setCsrfToken('');
    setState({ status: 'anonymous' });
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<Auth>(() => {
    const user = state.status === 'authenticated' ? state.user : null;
    return { state, user, login, logout, refresh, can: (p) => !!user?.permissions.includes(p) };
  }, [state, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
