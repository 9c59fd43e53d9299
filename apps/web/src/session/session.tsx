import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { CSRF_HEADER, currentAccessToken, keepAccessToken, refreshAccessToken } from '../api/access-token';
import { answer, identityApi } from '../api/clients';
import type { Me } from '../api/views';

interface Session {
  me: Me | null;
  loading: boolean;
  /** the simplified interface (GLPI's helpdesk: post-only, self-service) */
  selfService: boolean;
  can(right: string): boolean;
  signIn(login: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  switchContext(profileId: string, entityId: string): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const ME = ['me'] as const;

/** Who is signed in: after a reload, the refresh cookie gives a new access token, then /me. */
async function loadMe(): Promise<Me | null> {
  if (!(await refreshAccessToken())) return null;
  return answer<Me>(identityApi.GET('/api/me'));
}

function postToIdentity(path: string, body: unknown): Promise<Response> {
  const token = currentAccessToken();
  return fetch(`/api/identity/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Sign-in and context switch answer an access token (the gateway keeps the refresh token). */
async function tokenCall(path: string, body: unknown): Promise<boolean> {
  const response = await postToIdentity(path, body);
  if (!response.ok) return false;
  keepAccessToken(((await response.json()) as { accessToken: string }).accessToken);
  return true;
}

/**
 * `onSignedIn`: called once the new access token is there, before /me answers, so that the page's
 * data is fetched beside /me rather than after it (the router's loaders).
 */
export function SessionProvider({ children, onSignedIn }: { children: ReactNode; onSignedIn?: () => void }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME, queryFn: loadMe, staleTime: Infinity });
  const session = useMemo<Session>(() => {
    const current = me.data ?? null;
    const reload = async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      onSignedIn?.();
      queryClient.setQueryData(ME, await answer<Me>(identityApi.GET('/api/me')));
    };
    return {
      me: current,
      loading: me.isPending,
      selfService: current?.activeProfile.interface === 'helpdesk',
      can: (right) => current?.activeProfile.rights.includes(right) ?? false,
      signIn: async (login, password) => {
        if (!(await tokenCall('auth/login', { login, password }))) return false;
        await reload();
        return true;
      },
      signOut: async () => {
        await postToIdentity('auth/logout', {});
        keepAccessToken(null);
        queryClient.clear();
        queryClient.setQueryData(ME, null);
      },
      switchContext: async (profileId, entityId) => {
        if (await tokenCall('auth/switch', { profileId, entityId })) await reload();
      },
    };
  }, [me.data, me.isPending, queryClient, onSignedIn]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
