import { Injectable } from '@nestjs/common';
import { selectRows } from '@itsm/runtime';
import { AssetListIndex } from '../../asset/queries/list-index/asset-list-index';
import type { AssetListRow } from '../../asset/queries/list-index/asset-list-row';
import { SoftwareInstallationsFeed } from '../../installation/read-models/software-installations.feed';
import { InstallationIndex } from '../../installation/read-models/installation-index';
import type { InstalledSoftware } from '../../installation/read-models/installed-software';
import { computerFacts, installationId, type InstallationDoc } from '../../installation/read-models/installation-plan';
import { nameKey } from '../domain/software-names';

/** What "which computers have X" asks: a software (a version of it), in some entities, a page. */
export interface InstallationsAsked {
  softwareId: string;
  versionId?: string;
  entities: readonly string[];
  direction: 1 | -1;
  skip: number;
  limit: number;
}

/** The computers having a software, and per version. */
export interface InstalledTally {
  computers: number;
  byVersion: Map<string, number>;
}

/** The tally of installations read from the read model (each a computer x version). */
export function tallyOf(installations: readonly InstallationDoc[]): InstalledTally {
  const byVersion = new Map<string, number>();
  for (const { versionId } of installations) byVersion.set(versionId, (byVersion.get(versionId) ?? 0) + 1);
  return { computers: new Set(installations.map(({ computerId }) => computerId)).size, byVersion };
}

/** A candidate row: the computer's sort key, then its id and the version (the `_id` `<computer>:<version>` on a tie). */
interface Listed {
  key: string;
  computerId: string;
  versionId: string;
  computerName: string;
  entityId: string;
}

/**
 * "Which computers have X (version Y)" from this replica's memory: the installations index finds
 * the computers, the asset list index their entity, trash and name; sorted on the computer's name
 * key then the installation id, as the read model's index sorts them. Undefined while either
 * index is not ready (the read model answers).
 */
/** By name key, then by `_id` as the read model orders it (built only on a tie: names rarely meet). */
const orderOf =
  (direction: 1 | -1) =>
  (a: Listed, b: Listed): number => {
    if (a.key !== b.key) return a.key < b.key ? -direction : direction;
    const [idA, idB] = [installationId(a.computerId, a.versionId), installationId(b.computerId, b.versionId)];
    return idA === idB ? 0 : idA < idB ? -direction : direction;
  };

@Injectable()
export class InstallationsInMemory {
  /** computer -> its name and the key the installations sort on (normalising names is not free) */
  private readonly keys = new Map<string, { name: string | null; computerName: string; key: string }>();

  constructor(
    private readonly installations: InstallationIndex,
    private readonly assets: AssetListIndex,
    private readonly feed: SoftwareInstallationsFeed,
  ) {}

  async page(asked: InstallationsAsked): Promise<{ items: InstallationDoc[]; total: number } | undefined> {
    const installed = this.installations.software;
    if (!installed || !this.assets.ready) return undefined;
    const entities = new Set(asked.entities);
    const listed: Listed[] = [];
    const list = (computerId: string, versionId: string, row: AssetListRow) => {
      const { computerName, key } = this.keyOf(computerId, row.name);
      listed.push({ key, computerId, versionId, computerName, entityId: row.entityId });
    };
    for (const [computerId, versions] of installed.installedVersions(asked.softwareId)) {
      // one version mostly: no array made for it; the version asked is checked before the computer is looked up
      if (
        asked.versionId &&
        versions !== asked.versionId &&
        !(Array.isArray(versions) && versions.includes(asked.versionId))
      ) {
        continue;
      }
      const row = this.assets.row(computerId);
      if (!row || row.trashed || !entities.has(row.entityId)) continue;
      if (asked.versionId) list(computerId, asked.versionId, row);
      else if (typeof versions === 'string') list(computerId, versions, row);
      else for (const versionId of versions) list(computerId, versionId, row);
    }
    const { rows, total } = selectRows([listed], () => true, orderOf(asked.direction), asked.skip, asked.limit);
    const items = rows.map((one) => this.docOf(installed, asked.softwareId, one));
    return { items: await Promise.all(items.map((doc) => this.complete(doc))), total };
  }

  /**
   * The computers of these entities, out of the trash, having the software: how many, and how
   * many have each version; undefined while an index is not ready.
   */
  tally(softwareId: string, entities: readonly string[]): InstalledTally | undefined {
    const installed = this.installations.software;
    if (!installed || !this.assets.ready) return undefined;
    const scope = new Set(entities);
    const tally: InstalledTally = { computers: 0, byVersion: new Map() };
    for (const [computerId, versions] of installed.installedVersions(softwareId)) {
      const row = this.assets.row(computerId);
      if (!row || row.trashed || !scope.has(row.entityId)) continue;
      tally.computers += 1;
      for (const versionId of typeof versions === 'string' ? [versions] : versions) {
        tally.byVersion.set(versionId, (tally.byVersion.get(versionId) ?? 0) + 1);
      }
    }
    return tally;
  }

  private docOf(installed: InstalledSoftware, softwareId: string, listed: Listed): InstallationDoc {
    const { computerId, versionId, computerName, key, entityId } = listed;
    const id = installationId(computerId, versionId);
    const names = installed.version(versionId)?.names;
    if (!names) return { _id: id } as InstallationDoc;
    const { installedAt, manual } = installed.installation(computerId, versionId);
    return {
      _id: id,
      computerId,
      computerName,
      computerKey: key,
      entityId,
      trashed: false,
      softwareId,
      versionId,
      ...names,
      installedAt,
      source: manual ? 'manual' : 'inventory',
    };
  }

  /** A technician's version no inventory named: its names are in the read model only. */
  private async complete(doc: InstallationDoc): Promise<InstallationDoc> {
    if (doc.computerId !== undefined) return doc;
    const computerId = doc._id.slice(0, doc._id.lastIndexOf(':'));
    return (await this.feed.installedOn(computerId)).find((one) => one._id === doc._id) ?? doc;
  }

  private keyOf(computerId: string, name: string | null) {
    const known = this.keys.get(computerId);
    if (known && known.name === name) return known;
    const computerName = computerFacts(computerId, name, '', false).name;
    const fresh = { name, computerName, key: nameKey(computerName) };
    this.keys.set(computerId, fresh);
    return fresh;
  }
}
