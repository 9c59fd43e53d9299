import { DomainError, type Decider } from '@itsm/domain';
import type { SoftwareEvent } from '@itsm/contracts';
import { cleanName, cleanOptional } from './domain/software-names';

/** A version as a command names it: its id derives from the software, version and architecture. */
export interface VersionSpec {
  versionId: string;
  name: string;
  arch: string | null;
}

export interface SoftwareSpec {
  softwareId: string;
  entityId: string;
  recursive: boolean;
  name: string;
  publisher: string | null;
  comment: string | null;
}

export type SoftwareCommand =
  /** a technician adds a software to the catalogue: refused when it is there already */
  | ({ type: 'create-software' } & SoftwareSpec)
  /** a technician adds a version: refused when the software is unknown or the version there already */
  | { type: 'add-version'; softwareId: string; version: VersionSpec }
  /** an inventory found the software with these versions: records what is missing, nothing else */
  | { type: 'register-found'; software: SoftwareSpec; versions: VersionSpec[] };

export interface SoftwareState {
  softwareId: string | null;
  versionIds: string[];
}

const NAME_MAX = 255;
const invalidField = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { errors: [{ field, message }] });
const VERSION_MAX = 128;

function created(spec: SoftwareSpec): SoftwareEvent[] | DomainError {
  const name = cleanName(spec.name);
  if (!name) return invalidField('name', 'must not be empty');
  if (name.length > NAME_MAX) return invalidField('name', `is longer than ${NAME_MAX}`);
  const publisher = cleanOptional(spec.publisher);
  return [
    {
      type: 'software.created',
      data: { ...spec, name, publisher: publisher?.slice(0, NAME_MAX) ?? null, comment: spec.comment ?? null },
    },
  ];
}

function versionAdded(softwareId: string, version: VersionSpec): SoftwareEvent[] | DomainError {
  const name = cleanName(version.name);
  if (!name) return invalidField('name', 'the version must not be empty');
  if (name.length > VERSION_MAX) {
    return invalidField('name', `the version is longer than ${VERSION_MAX}`);
  }
  const arch = cleanOptional(version.arch)?.slice(0, 32) ?? null;
  return [{ type: 'software.version-added', data: { softwareId, versionId: version.versionId, name, arch } }];
}

/** What an inventory found: the software when new, then each version not known yet (once each). */
function registered(state: SoftwareState, software: SoftwareSpec, versions: VersionSpec[]) {
  const events: SoftwareEvent[] = [];
  if (state.softwareId === null) {
    const creation = created(software);
    if (creation instanceof DomainError) return creation;
    events.push(...creation);
  }
  const known = new Set(state.versionIds);
  for (const version of versions) {
    if (known.has(version.versionId)) continue;
    known.add(version.versionId);
    const added = versionAdded(software.softwareId, version);
    if (added instanceof DomainError) return added;
    events.push(...added);
  }
  return events;
}

function decide(command: SoftwareCommand, state: SoftwareState): SoftwareEvent[] | DomainError {
  switch (command.type) {
    case 'create-software': {
      if (state.softwareId !== null) {
        return new DomainError('conflict', `software ${command.name} already exists in entity ${command.entityId}`);
      }
      const { type: _type, ...spec } = command;
      return created(spec);
    }
    case 'add-version':
      if (state.softwareId === null) return new DomainError('not_found', `unknown software ${command.softwareId}`);
      if (state.versionIds.includes(command.version.versionId)) {
        return new DomainError('conflict', `version ${command.version.name} already exists`);
      }
      return versionAdded(command.softwareId, command.version);
    case 'register-found':
      return registered(state, command.software, command.versions);
  }
}

function evolve(state: SoftwareState, event: SoftwareEvent): SoftwareState {
  switch (event.type) {
    case 'software.created':
      return { ...state, softwareId: event.data.softwareId };
    case 'software.version-added':
      return { ...state, versionIds: [...state.versionIds, event.data.versionId] };
  }
}

export const softwareDecider: Decider<SoftwareCommand, SoftwareEvent, SoftwareState> = {
  initialState: () => ({ softwareId: null, versionIds: [] }),
  decide,
  evolve,
  stateVersion: 1,
};

export const softwareStreamId = (softwareId: string): string => `software-${softwareId}`;
