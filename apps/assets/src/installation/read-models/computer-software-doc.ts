import type { InstallationDoc, InstallationWrite } from './installation-plan';

/**
 * One computer's installations, one document: `installed` is their JSON, one string. FerretDB 1.24
 * stores a document as JSONB with the type of every value, so its cost goes with the values: a
 * desktop's 1,000 installations as 1,000 documents took ~14x the time of one document holding them
 * as a string (313 against 23 ms on the shared machine, `insertMany` against `insertOne`), and as
 * an array of 1,000 objects ~6x (139 ms). Nothing inside is matched by the database: FerretDB
 * never hands a match inside an array or a string to PostgreSQL anyway, and "which computers have
 * X" is answered from each replica's memory (InstalledSoftware).
 */
export interface ComputerSoftwareDoc {
  /** the computer's id */
  _id: string;
  computerName: string;
  /** the computer's name lower-cased, as the installations sort */
  computerKey: string;
  entityId: string;
  trashed: boolean;
  /** how many installations `installed` holds */
  count: number;
  /** JSON of PackedInstallation[], by software name */
  installed: string;
  /** bumped by every write: a write made from a read is conditional on it (two streams write one document) */
  revision: number;
}

/** softwareId, versionId, software name, publisher, version name, architecture, install date, `m` when a technician's */
type PackedInstallation = [string, string, string, string | null, string, string | null, string | null, 'i' | 'm'];

const packed = (doc: InstallationDoc): PackedInstallation => [
  doc.softwareId,
  doc.versionId,
  doc.softwareName,
  doc.publisher,
  doc.versionName,
  doc.arch,
  doc.installedAt,
  doc.source === 'manual' ? 'm' : 'i',
];

/** The installations a computer's document holds, each as the per-installation view has it. */
export function installationsOf(doc: ComputerSoftwareDoc): InstallationDoc[] {
  const { _id: computerId, computerName, computerKey, entityId, trashed } = doc;
  return (JSON.parse(doc.installed) as PackedInstallation[]).map(
    ([softwareId, versionId, softwareName, publisher, versionName, arch, installedAt, source]) => ({
      _id: `${computerId}:${versionId}`,
      computerId,
      computerName,
      computerKey,
      entityId,
      trashed,
      softwareId,
      versionId,
      softwareName,
      publisher,
      versionName,
      arch,
      installedAt,
      source: source === 'm' ? 'manual' : 'inventory',
    }),
  );
}

/** Does the document hold this version? */
export const holdsVersion = (doc: ComputerSoftwareDoc | null, versionId: string): boolean =>
  doc !== null && installationsOf(doc).some((one) => one.versionId === versionId);

/**
 * The computer's document after an event's upserts and deletes (each sets or deletes one
 * version: applied twice, the same document); null when nothing changed. A computer without a
 * document gets one stamped with the computer its first upsert names.
 */
export function withWrites(
  doc: ComputerSoftwareDoc | null,
  writes: InstallationWrite[],
): Omit<ComputerSoftwareDoc, 'revision'> | null {
  const rows = new Map((doc ? installationsOf(doc) : []).map((one) => [one.versionId, one]));
  let stamp: Pick<ComputerSoftwareDoc, 'computerName' | 'computerKey' | 'entityId' | 'trashed'> | null = doc;
  let changed = false;
  for (const write of writes) {
    if (write.kind === 'upsert') {
      rows.set(write.doc.versionId, write.doc);
      stamp ??= write.doc;
      changed = true;
    } else if (write.kind === 'delete') changed = rows.delete(versionOf(write.id)) || changed;
  }
  if (!changed || !stamp) return null;
  const sorted = [...rows.values()].sort(bySoftwareName);
  const { computerName, computerKey, entityId, trashed } = stamp;
  return {
    _id: computerIdOf(writes),
    computerName,
    computerKey,
    entityId,
    trashed,
    count: sorted.length,
    installed: JSON.stringify(sorted.map(packed)),
  };
}

/** A computer's software as GLPI lists it: by name, then by installation id. */
export const bySoftwareName = (a: InstallationDoc, b: InstallationDoc): number =>
  a.softwareName === b.softwareName
    ? a._id < b._id
      ? -1
      : a._id > b._id
        ? 1
        : 0
    : a.softwareName < b.softwareName
      ? -1
      : 1;

/** `<computerId>:<versionId>`: a version id (a UUID) holds no colon */
const versionOf = (installationId: string) => installationId.slice(installationId.lastIndexOf(':') + 1);

/** The computer every write of one event names. */
export function computerIdOf(writes: InstallationWrite[]): string {
  const [first] = writes;
  if (!first) throw new Error('no installation write names a computer');
  if (first.kind === 'upsert') return first.doc.computerId;
  if (first.kind === 'delete') return first.id.slice(0, first.id.lastIndexOf(':'));
  return first.computerId;
}

/** A computer's document holding these installations (of one computer), as the feed would write it first. */
export function computerSoftwareDocOf(installations: InstallationDoc[]): ComputerSoftwareDoc | null {
  const doc = withWrites(
    null,
    installations.map((one): InstallationWrite => ({ kind: 'upsert', doc: one })),
  );
  return doc && { ...doc, revision: 1 };
}
