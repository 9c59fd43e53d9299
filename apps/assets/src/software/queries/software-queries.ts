import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { contains, pageOf, ProjectionRegistry, selectRows, type PageQuery } from '@itsm/runtime';
import { SoftwareInstallationsFeed } from '../../installation/read-models/software-installations.feed';
import type { InstallationDoc } from '../../installation/read-models/installation-plan';
import { HeldVisibility } from '../../shared/held-visibility';
import { InstallationsInMemory, tallyOf, type InstalledTally } from './installations-in-memory';
import { nameKey } from '../domain/software-names';
import { softwareCatalogueProjection, type SoftwareCatalogueDoc } from '../read-models/software-catalogue.projection';
import type { ListInstallationsQuery, ListSoftwareQuery } from './list-software.query';

const softwareView = ({
  softwareId,
  entityId,
  recursive,
  name,
  publisher,
  comment,
  versions,
  createdAt,
}: SoftwareCatalogueDoc) => ({
  softwareId,
  entityId,
  recursive,
  name,
  publisher,
  comment,
  versions,
  createdAt,
});

/** A computer having the software: the installation as "which computers have X" lists it. */
const installationView = (doc: InstallationDoc) => ({
  computerId: doc.computerId,
  computerName: doc.computerName,
  entityId: doc.entityId,
  softwareId: doc.softwareId,
  softwareName: doc.softwareName,
  publisher: doc.publisher,
  versionId: doc.versionId,
  versionName: doc.versionName,
  arch: doc.arch,
  installedAt: doc.installedAt,
  source: doc.source,
});

/** MongoDB's order, as the read model's pages had it: the field, then `_id` on a tie. */
const sortedBy =
  (field: 'computerKey' | 'softwareName', direction: 1 | -1) =>
  (a: InstallationDoc, b: InstallationDoc): number => {
    const [keyA, keyB] = [`${a[field]}`, `${b[field]}`];
    if (keyA !== keyB) return keyA < keyB ? -direction : direction;
    return a._id === b._id ? 0 : a._id < b._id ? -direction : direction;
  };

/** The catalogue and its installations, from the read models only. */
@Injectable()
export class SoftwareQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly visibility: HeldVisibility,
    private readonly feed: SoftwareInstallationsFeed,
    private readonly inMemory: InstallationsInMemory,
  ) {}

  catalogue() {
    return this.projections.collection<SoftwareCatalogueDoc>(softwareCatalogueProjection.name);
  }

  async list(caller: Caller, query: ListSoftwareQuery) {
    const visible = await this.visibility.filter(caller);
    const filter = query.name ? { $and: [visible, { nameKey: contains(nameKey(query.name)) }] } : visible;
    return pageOf(await this.catalogue(), filter, query, 'nameKey', softwareView);
  }

  /** The software, or 404 when the caller may not see it. */
  async visible(caller: Caller, softwareId: string): Promise<SoftwareCatalogueDoc> {
    return this.visibility.seen(
      caller,
      await (await this.catalogue()).findOne({ softwareId }),
      `software ${softwareId}`,
    );
  }

  async get(caller: Caller, softwareId: string) {
    return softwareView(await this.visible(caller, softwareId));
  }

  /** The versions, each with the number of computers of the caller's entities it is installed on. */
  async versions(caller: Caller, softwareId: string) {
    const software = await this.visible(caller, softwareId);
    const { byVersion } = await this.installedTally(caller, softwareId);
    return software.versions.map((version) => ({ ...version, installations: byVersion.get(version.versionId) ?? 0 }));
  }

  /**
   * The computers of the caller's entities (out of the trash) having the software, and per
   * version: from this replica's memory, else from the read model's documents of those entities.
   */
  async installedTally(caller: Caller, softwareId: string): Promise<InstalledTally> {
    const inMemory = this.inMemory.tally(softwareId, caller.scope);
    if (inMemory) return inMemory;
    return tallyOf(await this.feed.installationsIn((one) => one.softwareId === softwareId, caller.scope));
  }

  /**
   * "Which computers have X (version Y)": from this replica's memory when its indexes are ready;
   * else one equality query per entity of the caller's scope (or the one asked), each served by
   * an index from its first row, merged by computer name. Trashed computers are left out, as
   * GLPI's lists leave out the trash.
   */
  async installations(caller: Caller, softwareId: string, query: ListInstallationsQuery) {
    const software = await this.visible(caller, softwareId);
    if (query.versionId && !software.versions.some((version) => version.versionId === query.versionId)) {
      throw new DomainError('not_found', `software ${software.name} has no version ${query.versionId}`);
    }
    if (query.entityId && !caller.scope.includes(query.entityId)) {
      throw new DomainError('forbidden', `entity ${query.entityId} is outside your scope`);
    }
    const entities = query.entityId ? [query.entityId] : [...caller.scope];
    const direction = query.order === 'desc' ? -1 : 1;
    const skip = (query.page - 1) * query.limit;
    const { versionId } = query;
    const inMemory = await this.inMemory.page({ softwareId, versionId, entities, direction, skip, limit: query.limit });
    if (inMemory) {
      const { items, total } = inMemory;
      return { items: items.map(installationView), total, page: query.page, limit: query.limit };
    }
    const having = await this.feed.installationsIn(
      (one) => (versionId ? one.versionId === versionId : one.softwareId === softwareId),
      entities,
    );
    const { rows, total } = selectRows([having], () => true, sortedBy('computerKey', direction), skip, query.limit);
    return { items: rows.map(installationView), total, page: query.page, limit: query.limit };
  }

  /** What is installed on a computer the caller sees (checked by the caller of this), by software name. */
  async ofComputer(computerId: string, query: PageQuery) {
    const installed = await this.feed.installedOn(computerId);
    const direction = query.order === 'desc' ? -1 : 1;
    const skip = (query.page - 1) * query.limit;
    const { rows, total } = selectRows([installed], () => true, sortedBy('softwareName', direction), skip, query.limit);
    return { items: rows.map(installationView), total, page: query.page, limit: query.limit };
  }
}
