import { Injectable } from '@nestjs/common';
import { selectRows } from '@itsm/runtime';
import { AssetListIndex } from '../../asset/queries/list-index/asset-list-index';
import { SoftwareInstallationsFeed } from '../../installation/read-models/software-installations.feed';
import { InstallationIndex } from '../../installation/read-models/installation-index';
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

interface Listed {
  key: string;
  id: string;
  doc: InstallationDoc;
}

/**
 * "Which computers have X (version Y)" from this replica's memory: the installations index finds
 * the computers, the asset list index their entity, trash and name; sorted on the computer's name
 * key then the installation id, as the read model's index sorts them. Undefined while either
 * index is not ready (the read model answers).
 */
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
    for (const computerId of installed.computersWith(asked.softwareId, asked.versionId)) {
      const row = this.assets.row(computerId);
      if (!row || row.trashed || !entities.has(row.entityId)) continue;
      const { computerName, key } = this.keyOf(computerId, row.name);
      for (const { versionId, installedAt, manual } of installed.installationsOf(
        computerId,
        asked.softwareId,
        asked.versionId,
      )) {
        const names = installed.version(versionId)?.names;
        const id = installationId(computerId, versionId);
        const doc = names && {
          _id: id,
          computerId,
          computerName,
          computerKey: key,
          entityId: row.entityId,
          trashed: false,
          softwareId: asked.softwareId,
          versionId,
          ...names,
          installedAt,
          source: manual ? ('manual' as const) : ('inventory' as const),
        };
        listed.push({ key, id, doc: doc ?? ({ _id: id } as InstallationDoc) });
      }
    }
    const compare = (a: Listed, b: Listed) =>
      asked.direction * (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const { rows, total } = selectRows([listed], () => true, compare, asked.skip, asked.limit);
    return { items: await Promise.all(rows.map(({ doc }) => this.complete(doc))), total };
  }

  /** A technician's version no inventory named: its names are in the read model only. */
  private async complete(doc: InstallationDoc): Promise<InstallationDoc> {
    if (doc.computerId !== undefined) return doc;
    return (await this.feed.installations().findOne({ _id: doc._id })) ?? doc;
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
