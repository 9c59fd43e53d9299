import { DomainError, type Decider } from '@itsm/domain';
import type { GroupEvent, GroupRoles } from '@itsm/contracts';

export interface GroupFields extends GroupRoles {
  name: string;
  parentId: string | null;
  recursive: boolean;
}

export type GroupCommand =
  | ({ type: 'create-group'; groupId: string; entityId: string } & GroupFields)
  /** parentLineage: the new parent group and its ancestors, when parentId changes */
  | { type: 'update-group'; changes: Partial<GroupFields>; parentLineage: string[] }
  | { type: 'add-member'; userId: string }
  | { type: 'remove-member'; userId: string };

export interface GroupState extends GroupFields {
  groupId: string | null;
  entityId: string;
  members: string[];
}

const initialState = (): GroupState => ({
  groupId: null,
  entityId: '',
  name: '',
  parentId: null,
  recursive: false,
  isRequester: true,
  isObserver: true,
  isAssignee: true,
  members: [],
});

function decide(command: GroupCommand, state: GroupState): GroupEvent[] | DomainError {
  if (command.type === 'create-group') {
    if (state.groupId !== null) return new DomainError('conflict', `group ${command.groupId} already exists`);
    const { type: _type, ...data } = command;
    const name = data.name.trim();
    if (!name) return new DomainError('invalid', 'name must not be empty');
    return [{ type: 'group.created', data: { ...data, name } }];
  }
  if (state.groupId === null) return new DomainError('not_found', 'no such group');
  const groupId = state.groupId;
  switch (command.type) {
    case 'update-group':
      return update(command, state, groupId);
    case 'add-member':
      return state.members.includes(command.userId)
        ? []
        : [{ type: 'group.member-added', data: { groupId, userId: command.userId } }];
    case 'remove-member':
      if (!state.members.includes(command.userId)) return new DomainError('not_found', 'the user is not a member');
      return [{ type: 'group.member-removed', data: { groupId, userId: command.userId } }];
  }
}

function update(command: Extract<GroupCommand, { type: 'update-group' }>, state: GroupState, groupId: string) {
  const changes = { ...command.changes };
  if (changes.name !== undefined) {
    changes.name = changes.name.trim();
    if (!changes.name) return new DomainError('invalid', 'name must not be empty');
  }
  if (changes.parentId && (changes.parentId === groupId || command.parentLineage.includes(groupId))) {
    return new DomainError('rule', 'a group cannot move under itself or one of its sub-groups');
  }
  const changed = (Object.keys(changes) as Array<keyof GroupFields>).filter((field) => changes[field] !== state[field]);
  if (changed.length === 0) return [];
  return [
    { type: 'group.updated' as const, data: { groupId, ...Object.fromEntries(changed.map((f) => [f, changes[f]])) } },
  ];
}

function evolve(state: GroupState, event: GroupEvent): GroupState {
  switch (event.type) {
    case 'group.created':
      return { ...state, ...event.data, members: [] };
    case 'group.updated': {
      const { groupId: _groupId, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'group.member-added':
      return { ...state, members: [...state.members, event.data.userId] };
    case 'group.member-removed':
      return { ...state, members: state.members.filter((member) => member !== event.data.userId) };
  }
}

export const groupDecider: Decider<GroupCommand, GroupEvent, GroupState> = {
  initialState,
  decide,
  evolve,
  stateVersion: 1,
};

export const groupStreamId = (groupId: string): string => `group-${groupId}`;
