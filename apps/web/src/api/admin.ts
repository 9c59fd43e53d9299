import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminUserView,
  AgreementView,
  AuthorizationView,
  CalendarView,
  EntityView,
  GroupView,
  ProfileView,
  Right,
} from './admin-views';
import { answer, identityApi, slaApi, ticketsApi } from './clients';
import type { Page } from './views';

/** The administration's lists: small, read whole (100 per list, GLPI's largest page). */
const ALL = { params: { query: { limit: 100 } } } as const;
const items = async <T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>) =>
  (await answer<Page<T>>(call)).items;

export const adminKeys = {
  entities: ['admin', 'entities'],
  users: ['admin', 'users'],
  groups: ['admin', 'groups'],
  profiles: ['admin', 'profiles'],
  rights: ['admin', 'rights'],
  authorizations: (userId: string) => ['admin', 'authorizations', userId],
  calendars: ['admin', 'calendars'],
  agreements: ['admin', 'agreements'],
  /** the key of useCategories (queries.ts), which the ticket forms read too */
  categories: ['categories'],
} as const;

export const useEntities = () =>
  useQuery({ queryKey: adminKeys.entities, queryFn: () => items<EntityView>(identityApi.GET('/api/entities', ALL)) });
export const useAdminUsers = () =>
  useQuery({ queryKey: adminKeys.users, queryFn: () => items<AdminUserView>(identityApi.GET('/api/users', ALL)) });
/** `enabled`: false without group.read (an asset form's group pickers). */
export const useGroups = (enabled = true) =>
  useQuery({
    queryKey: adminKeys.groups,
    queryFn: () => items<GroupView>(identityApi.GET('/api/groups', ALL)),
    enabled,
  });
export const useProfiles = () =>
  useQuery({ queryKey: adminKeys.profiles, queryFn: () => items<ProfileView>(identityApi.GET('/api/profiles', ALL)) });
export const useRightsCatalogue = () =>
  useQuery({ queryKey: adminKeys.rights, queryFn: () => answer<Right[]>(identityApi.GET('/api/profiles/rights')) });
export const useAuthorizations = (userId: string) =>
  useQuery({
    queryKey: adminKeys.authorizations(userId),
    queryFn: () =>
      answer<AuthorizationView[]>(
        identityApi.GET('/api/users/{id}/authorizations', { params: { path: { id: userId } } }),
      ),
    enabled: userId !== '',
  });
export const useCalendars = () =>
  useQuery({ queryKey: adminKeys.calendars, queryFn: () => items<CalendarView>(slaApi.GET('/api/calendars', ALL)) });
export const useAgreements = () =>
  useQuery({ queryKey: adminKeys.agreements, queryFn: () => items<AgreementView>(slaApi.GET('/api/slas', ALL)) });

/** A creation from an administration form; the list it changes is read again. */
export function useAdminCommand<Input>(key: readonly unknown[], send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const adminCommands = {
  createEntity: (body: { name: string; parentId: string }) => answer(identityApi.POST('/api/entities', { body })),
  createUser: (body: { login: string; lastName: string; firstName: string; password: string }) =>
    answer(identityApi.POST('/api/users', { body })),
  createGroup: (body: { name: string; isRequester: boolean; isObserver: boolean; isAssignee: boolean }) =>
    answer(identityApi.POST('/api/groups', { body })),
  grant: (userId: string, body: { profileId: string; entityId: string; recursive: boolean }) =>
    answer(identityApi.POST('/api/users/{id}/authorizations', { params: { path: { id: userId } }, body })),
  setLanguage: ({ userId, language }: { userId: string; language: 'fr' | 'en' | null }) =>
    answer(identityApi.PATCH('/api/users/{id}', { params: { path: { id: userId } }, body: { language } })),
  changeRights: ({ profileId, rights }: { profileId: string; rights: Right[] }) =>
    answer(identityApi.PATCH('/api/profiles/{id}', { params: { path: { id: profileId } }, body: { rights } })),
  createCategory: (body: { name: string }) => answer(ticketsApi.POST('/api/itil-categories', { body })),
};
