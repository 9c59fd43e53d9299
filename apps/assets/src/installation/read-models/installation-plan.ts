import { LRUCache } from 'lru-cache';
import type { ContractEnvelope } from '@itsm/eventsourcing';
import type { SoftwareEntry } from '@itsm/contracts';
import { cleanName, cleanOptional, nameKey, softwareIdFor, versionIdFor } from '../../software/domain/software-names';

/**
 * One installation: a version of a software on a computer (GLPI's Item_SoftwareVersion). One
 * document each, with the fields "which computers have X (version Y)" filters and sorts on at
 * top level: FerretDB 1.24 hands PostgreSQL equalities on scalar fields, a one-field sort and the
 * limit, never a match inside an array.
 */
export interface InstallationDoc {
  /** `<computerId>:<versionId>` */
  _id: string;
  computerId: string;
  computerName: string;
  /** the computer's name lower-cased: lists sort by it, as people read names */
  computerKey: string;
  entityId: string;
  trashed: boolean;
  softwareId: string;
  versionId: string;
  softwareName: string;
  publisher: string | null;
  versionName: string;
  arch: string | null;
  installedAt: string | null;
  source: 'inventory' | 'manual';
}

/** What the read model keeps of a computer to stamp its installations. */
export interface ComputerFacts {
  computerId: string;
  name: string;
  entityId: string;
  trashed: boolean;
}

/** The names of a software version, for a manual installation (the catalogue's). */
export interface VersionNames {
  softwareName: string;
  publisher: string | null;
  versionName: string;
  arch: string | null;
}

export type InstallationWrite =
  | { kind: 'upsert'; doc: InstallationDoc }
  | { kind: 'delete'; id: string }
  | {
      kind: 'restamp';
      computerId: string;
      set: Partial<Pick<InstallationDoc, 'computerName' | 'computerKey' | 'trashed' | 'entityId'>>;
    }
  | { kind: 'purge'; computerId: string };

/** What one event does: the computer's facts after it, and the installations to write. */
export interface InstallationPlan {
  facts: ComputerFacts | null;
  writes: InstallationWrite[];
}

export const installationId = (computerId: string, versionId: string): string => `${computerId}:${versionId}`;

/** An unnamed computer sorts as its id would not: GLPI shows it as "(id)"; sorting wants a string. */
const displayName = (name: string | null | undefined, computerId: string) => cleanOptional(name) ?? `(${computerId})`;

/** What the installations keep of a computer, from its name as the asset has it. */
export const computerFacts = (
  computerId: string,
  name: string | null | undefined,
  entityId: string,
  trashed: boolean,
): ComputerFacts => ({ computerId, name: displayName(name, computerId), entityId, trashed });

/** An entry's software and version, with the ids every process derives alike. */
export type EntryVersion = VersionNames & { softwareId: string; versionId: string };

/**
 * The last entries derived, by entity and names: a fleet reports the same packages on every
 * computer, and each inventory's ~1,000 entries are derived by three consumers (two UUIDv5s each:
 * ~7% of the service's CPU in a profile of first inventories).
 */
const derived = new LRUCache<string, Readonly<EntryVersion>>({ max: 50_000 });

/** The software and version an inventory entry names, with the ids every process derives alike. */
export function entryVersion(entityId: string, entry: SoftwareEntry): Readonly<EntryVersion> {
  const key = JSON.stringify([entityId, entry.name, entry.version, entry.publisher ?? null, entry.arch ?? null]);
  const known = derived.get(key);
  if (known) return known;
  const softwareName = cleanName(entry.name);
  const publisher = cleanOptional(entry.publisher);
  const softwareId = softwareIdFor(entityId, softwareName, publisher);
  const versionName = cleanName(entry.version) || 'N/A';
  const arch = cleanOptional(entry.arch);
  const version = Object.freeze({
    softwareId,
    versionId: versionIdFor(softwareId, versionName, arch),
    softwareName,
    publisher,
    versionName,
    arch,
  });
  derived.set(key, version);
  return version;
}

function installed(
  facts: ComputerFacts,
  names: EntryVersion,
  installedAt: string | null,
  source: InstallationDoc['source'],
): InstallationWrite {
  const { computerId, name: computerName, entityId, trashed } = facts;
  const doc: InstallationDoc = {
    _id: installationId(computerId, names.versionId),
    computerId,
    computerName,
    computerKey: nameKey(computerName),
    entityId,
    trashed,
    ...names,
    installedAt,
    source,
  };
  return { kind: 'upsert', doc };
}

function inventoryWrites(
  facts: ComputerFacts,
  software: {
    installed: SoftwareEntry[];
    removed: SoftwareEntry[];
    upgraded: Array<{ from: SoftwareEntry; to: SoftwareEntry }>;
  },
): InstallationWrite[] {
  const add = (entry: SoftwareEntry) =>
    installed(facts, entryVersion(facts.entityId, entry), entry.installDate ?? null, 'inventory');
  const remove = (entry: SoftwareEntry): InstallationWrite => ({
    kind: 'delete',
    id: installationId(facts.computerId, entryVersion(facts.entityId, entry).versionId),
  });
  return [
    ...software.removed.map(remove),
    ...software.upgraded.flatMap(({ from, to }) => [remove(from), add(to)]),
    ...software.installed.map(add),
  ];
}

const renamed = (computerId: string, computerName: string): InstallationWrite => ({
  kind: 'restamp',
  computerId,
  set: { computerName, computerKey: nameKey(computerName) },
});

/** The facts of a computer after an event of its own stream (`asset-<id>`), or null when it is not a computer. */
function computerPlan(event: ContractEnvelope, facts: ComputerFacts | null): InstallationPlan | null {
  switch (event.type) {
    case 'asset.created': {
      if (event.data.assetType !== 'computer') return null;
      const { assetId, entityId, fields } = event.data;
      return { facts: computerFacts(assetId, fields.name, entityId, false), writes: [] };
    }
    case 'asset.updated': {
      if (!facts || !('name' in event.data.changes)) return null;
      const computerName = displayName(event.data.changes.name, facts.computerId);
      return { facts: { ...facts, name: computerName }, writes: [renamed(facts.computerId, computerName)] };
    }
    case 'asset.trashed':
    case 'asset.restored': {
      if (!facts) return null;
      const trashed = event.type === 'asset.trashed';
      return {
        facts: { ...facts, trashed },
        writes: [{ kind: 'restamp', computerId: facts.computerId, set: { trashed } }],
      };
    }
    case 'asset.purged':
      return facts && { facts: null, writes: [{ kind: 'purge', computerId: facts.computerId }] };
    case 'asset.transferred': {
      // its installations follow it into the entity's lists; their software stays the catalogue's it had
      if (!facts) return null;
      const { entityId } = event.data;
      return {
        facts: { ...facts, entityId },
        writes: [{ kind: 'restamp', computerId: facts.computerId, set: { entityId } }],
      };
    }
    case 'asset.inventory-applied':
      return facts && { facts, writes: inventoryWrites(facts, event.data.software) };
    default:
      return null;
  }
}

/**
 * What an event does to the installations: an asset's own events keep the computer's facts (name,
 * entity, trash) and an inventory's software changes; a technician's installations come from the
 * computer's `computer-software-<id>` stream, named by the catalogue (`names`). Null: nothing.
 */
export function installationPlan(
  event: ContractEnvelope,
  facts: ComputerFacts | null,
  names: VersionNames | null = null,
): InstallationPlan | null {
  switch (event.type) {
    case 'software.installed': {
      if (!facts || !names) return null;
      const { softwareId, versionId, installedAt } = event.data;
      return { facts, writes: [installed(facts, { ...names, softwareId, versionId }, installedAt, 'manual')] };
    }
    case 'software.uninstalled':
      return { facts, writes: [{ kind: 'delete', id: installationId(event.data.computerId, event.data.versionId) }] };
    default:
      return computerPlan(event, facts);
  }
}
