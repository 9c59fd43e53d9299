import { DomainError, type Decider, isRight, type ProfileInterface } from '@itsm/domain';
import type { ProfileEvent } from '@itsm/contracts';

export type ProfileCommand =
  | { type: 'create-profile'; profileId: string; name: string; interface: ProfileInterface; rights: string[] }
  | { type: 'change-profile-rights'; rights: string[] };

export interface ProfileState {
  profileId: string | null;
  name: string;
  interface: ProfileInterface;
  rights: string[];
}

/** Super-Admin keeps every right: editing it could lock every administrator out. */
export const SUPER_ADMIN_PROFILE_ID = 'super-admin';

const initialState = (): ProfileState => ({ profileId: null, name: '', interface: 'central', rights: [] });

function decide(command: ProfileCommand, state: ProfileState): ProfileEvent[] | DomainError {
  const unknown = command.rights.filter((right) => !isRight(right));
  if (unknown.length > 0) return new DomainError('invalid', `unknown rights: ${unknown.join(', ')}`);
  const rights = [...new Set(command.rights)].sort();
  if (command.type === 'create-profile') {
    if (state.profileId !== null) return new DomainError('conflict', `profile ${command.profileId} already exists`);
    const name = command.name.trim();
    if (!name) return new DomainError('invalid', 'name must not be empty');
    const { profileId, interface: ui } = command;
    return [{ type: 'profile.created', data: { profileId, name, interface: ui, rights } }];
  }
  if (state.profileId === null) return new DomainError('not_found', 'no such profile');
  if (state.profileId === SUPER_ADMIN_PROFILE_ID) {
    return new DomainError('rule', 'the Super-Admin profile always holds every right');
  }
  if (JSON.stringify(rights) === JSON.stringify(state.rights)) return [];
  return [{ type: 'profile.rights-changed', data: { profileId: state.profileId, rights } }];
}

function evolve(state: ProfileState, event: ProfileEvent): ProfileState {
  switch (event.type) {
    case 'profile.created':
      return {
        profileId: event.data.profileId,
        name: event.data.name,
        interface: event.data.interface,
        rights: event.data.rights,
      };
    case 'profile.rights-changed':
      return { ...state, rights: event.data.rights };
  }
}

export const profileDecider: Decider<ProfileCommand, ProfileEvent, ProfileState> = {
  initialState,
  decide,
  evolve,
  stateVersion: 1,
};

export const profileStreamId = (profileId: string): string => `profile-${profileId}`;
