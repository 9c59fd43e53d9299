import type { SoftwareEntry } from '@itsm/contracts';
import type { StreamEvent } from '@itsm/runtime';
import type { AssetIdSet } from '../../asset/queries/list-index/asset-list-plan';
import { entryVersion, installationId, type InstallationDoc, type VersionNames } from './installation-plan';

/** A version as the installations name it; the names are unknown for a version only a technician installed. */
export interface KnownVersion {
  /** the one copy of the id every computer's installation holds (1,000,000 ids otherwise) */
  versionId: string;
  softwareId: string;
  names: VersionNames | null;
}

/** One installation, as "which computers have X" lists it from memory. */
export interface InstalledVersion {
  computerId: string;
  versionId: string;
  installedAt: string | null;
  manual: boolean;
}

type InventorySoftware = {
  installed: SoftwareEntry[];
  removed: SoftwareEntry[];
  upgraded: Array<{ from: SoftwareEntry; to: SoftwareEntry }>;
};

type FoldedEvent = StreamEvent & { entityId?: string; data?: unknown };

/**
 * What a snapshot keeps, item by item: each stream's last folded sequence (`f`), each version
 * (`v`), each computer's installations (`c`: version, install date, 1 when a technician's).
 */
export type InstalledItem =
  | ['f', string, number]
  | ['v', string, string, VersionNames | null]
  | ['c', string, Array<[string, string | null, 0 | 1]>];

const COMPUTER_STREAM = 'asset-';
const MANUAL_STREAM = 'computer-software-';

/**
 * Which computer has which software version, in memory (~60 bytes an installation): the
 * `computer_software` read model loaded, then every event folded as the installations feed
 * folds it (installationPlan), so that any replica answers "which computers have X" and the
 * lists' "software installed" without FerretDB. Each stream's events fold once, in order.
 */
export class InstalledSoftware {
  /** computer -> version -> install date */
  private readonly byComputer = new Map<string, Map<string, string | null>>();
  /** software -> computer -> its version(s) of it (one, mostly): "which computers have X" reads no other computer */
  private readonly bySoftware = new Map<string, Map<string, string | string[]>>();
  private readonly versions = new Map<string, KnownVersion>();
  /** `<computer>:<version>` of a technician's installations (few) */
  private readonly manual = new Set<string>();
  /** stream -> the last sequence folded (or loaded with the read model) */
  private readonly folded = new Map<string, number>();

  get size(): number {
    let count = 0;
    for (const versions of this.byComputer.values()) count += versions.size;
    return count;
  }

  /**
   * The snapshot's items: the marks and versions copied at once, the computers read on as the
   * snapshot is written (a computer already showing a later event than its mark is harmless:
   * that event folds again onto it, setting or deleting what it already set or deleted).
   */
  snapshotItems(): Iterable<InstalledItem> {
    const marks = [...this.folded].map(([streamId, sequence]): InstalledItem => ['f', streamId, sequence]);
    const versions = [...this.versions.values()].map(
      ({ versionId, softwareId, names }): InstalledItem => ['v', versionId, softwareId, names],
    );
    return [...marks, ...versions, ...this.computerItems()];
  }

  private *computerItems(): Iterable<InstalledItem> {
    for (const [computerId, versions] of this.byComputer) {
      const installed = [...versions].map(([versionId, at]): [string, string | null, 0 | 1] => [
        versionId,
        at,
        this.manual.has(installationId(computerId, versionId)) ? 1 : 0,
      ]);
      yield ['c', computerId, installed];
    }
  }

  /** One snapshot item back (versions before the computers naming them, as snapshotItems gives them). */
  restore(item: InstalledItem): void {
    if (item[0] === 'f') return this.markFolded(item[1], item[2]);
    if (item[0] === 'v') {
      this.versions.set(item[1], { versionId: item[1], softwareId: item[2], names: item[3] });
      return;
    }
    if (item[0] !== 'c' || !Array.isArray(item[2])) throw new Error(`an installations snapshot item of no kind known`);
    for (const [versionId, at, manual] of item[2]) {
      const softwareId = this.versions.get(versionId)?.softwareId;
      if (softwareId === undefined) throw new Error(`an installations snapshot names version ${versionId} unknown`);
      this.add(item[1], softwareId, versionId, at, manual === 1, null);
    }
  }

  /** The read model's own mark of a stream: its events up to there are in the documents. */
  markFolded(streamId: string, sequence: number): void {
    this.folded.set(streamId, Math.max(sequence, this.folded.get(streamId) ?? 0));
  }

  /** An installation as the read model holds it. */
  load(
    doc: Pick<InstallationDoc, 'computerId' | 'softwareId' | 'versionId' | 'installedAt' | 'source'> &
      Partial<VersionNames>,
  ): void {
    const names =
      doc.softwareName === undefined
        ? null
        : {
            softwareName: doc.softwareName,
            publisher: doc.publisher ?? null,
            versionName: doc.versionName ?? '',
            arch: doc.arch ?? null,
          };
    this.add(doc.computerId, doc.softwareId, doc.versionId, doc.installedAt, doc.source === 'manual', names);
  }

  /** Folds an event unless its stream has reached it already. */
  fold(event: FoldedEvent): void {
    if ((this.folded.get(event.streamId) ?? 0) >= event.sequence) return;
    this.markFolded(event.streamId, event.sequence);
    const data = event.data as Record<string, unknown>;
    if (event.streamId.startsWith(MANUAL_STREAM)) return this.foldManual(event.type, data);
    if (!event.streamId.startsWith(COMPUTER_STREAM)) return;
    const computerId = event.streamId.slice(COMPUTER_STREAM.length);
    if (event.type === 'asset.purged') return this.dropComputer(computerId);
    if (event.type === 'asset.inventory-applied' && event.entityId) {
      this.foldInventory(computerId, event.entityId, data.software as InventorySoftware);
    }
  }

  /** The computers having the software (any version: a view, not a copy; or this one). */
  computersWith(softwareId: string, versionId?: string): AssetIdSet {
    const having = this.bySoftware.get(softwareId) ?? new Map<string, string | string[]>();
    if (!versionId) return { has: (id) => having.has(id), size: having.size, [Symbol.iterator]: () => having.keys() };
    const computers = new Set<string>();
    for (const [computerId, versions] of having) {
      if (versions === versionId || (Array.isArray(versions) && versions.includes(versionId))) {
        computers.add(computerId);
      }
    }
    return computers;
  }

  /** Each computer having the software, with its version(s) of it. */
  installedVersions(softwareId: string): Iterable<[string, string | string[]]> {
    return this.bySoftware.get(softwareId) ?? [];
  }

  /** One installation as listed: its date, and whether a technician declared it. */
  installation(computerId: string, versionId: string): InstalledVersion {
    const installedAt = this.byComputer.get(computerId)?.get(versionId) ?? null;
    return { computerId, versionId, installedAt, manual: this.manual.has(installationId(computerId, versionId)) };
  }

  /** The installations of the software on a computer (of one version when asked). */
  installationsOf(computerId: string, softwareId: string, versionId?: string): InstalledVersion[] {
    const versions = this.bySoftware.get(softwareId)?.get(computerId) ?? [];
    return (Array.isArray(versions) ? versions : [versions])
      .filter((installed) => !versionId || installed === versionId)
      .map((installed) => this.installation(computerId, installed));
  }

  version(versionId: string): KnownVersion | undefined {
    return this.versions.get(versionId);
  }

  private foldInventory(computerId: string, entityId: string, software: InventorySoftware | undefined): void {
    if (!software) return;
    const remove = (entry: SoftwareEntry) => this.remove(computerId, entryVersion(entityId, entry).versionId);
    const add = (entry: SoftwareEntry) => {
      const { softwareId, versionId, ...names } = entryVersion(entityId, entry);
      this.add(computerId, softwareId, versionId, entry.installDate ?? null, false, names);
    };
    software.removed.forEach(remove);
    for (const { from, to } of software.upgraded) {
      remove(from);
      add(to);
    }
    software.installed.forEach(add);
  }

  private foldManual(type: string, data: Record<string, unknown>): void {
    const { computerId, softwareId, versionId } = data as { computerId: string; softwareId: string; versionId: string };
    if (type === 'software.installed') {
      this.add(computerId, softwareId, versionId, (data.installedAt as string | null) ?? null, true, null);
    } else if (type === 'software.uninstalled') this.remove(computerId, versionId);
  }

  private add(
    computerId: string,
    softwareId: string,
    versionId: string,
    installedAt: string | null,
    manual: boolean,
    names: VersionNames | null,
  ): void {
    let known = this.versions.get(versionId);
    if (!known || (!known.names && names)) {
      known = { versionId: known?.versionId ?? versionId, softwareId, names };
      this.versions.set(known.versionId, known);
    }
    const versions = this.byComputer.get(computerId) ?? new Map<string, string | null>();
    this.byComputer.set(computerId, versions.set(known.versionId, installedAt));
    const computers = this.bySoftware.get(softwareId) ?? new Map<string, string | string[]>();
    this.bySoftware.set(softwareId, computers);
    const held = computers.get(computerId);
    if (held === undefined || held === known.versionId) computers.set(computerId, known.versionId);
    else if (Array.isArray(held)) {
      if (!held.includes(known.versionId)) held.push(known.versionId);
    } else computers.set(computerId, [held, known.versionId]);
    if (manual) this.manual.add(installationId(computerId, versionId));
    else this.manual.delete(installationId(computerId, versionId));
  }

  private remove(computerId: string, versionId: string): void {
    const versions = this.byComputer.get(computerId);
    if (!versions?.delete(versionId)) return;
    this.manual.delete(installationId(computerId, versionId));
    const softwareId = this.versions.get(versionId)?.softwareId;
    if (softwareId === undefined) return;
    // the computer keeps the software while another of its versions stays
    const computers = this.bySoftware.get(softwareId);
    const held = computers?.get(computerId);
    const left = Array.isArray(held) ? held.filter((other) => other !== versionId) : [];
    if (left.length === 0) computers?.delete(computerId);
    else computers?.set(computerId, left.length === 1 ? left[0] : left);
  }

  private dropComputer(computerId: string): void {
    for (const versionId of [...(this.byComputer.get(computerId)?.keys() ?? [])]) this.remove(computerId, versionId);
    this.byComputer.delete(computerId);
  }
}
