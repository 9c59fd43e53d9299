import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { contains, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { HeldVisibility } from '../../shared/held-visibility';
import { SoftwareQueries } from '../../software/queries/software-queries';
import { licenseCompliance, softwareCompliance } from '../domain/compliance';
import { licenseListProjection, type LicenseListDoc } from '../read-models/license-list.projection';
import type { ListLicensesQuery } from './list-licenses.query';

const licenseView = (doc: LicenseListDoc, now = new Date()) => ({
  licenseId: doc.licenseId,
  softwareId: doc.softwareId,
  versionId: doc.versionId,
  entityId: doc.entityId,
  recursive: doc.recursive,
  name: doc.name,
  serial: doc.serial,
  seats: doc.seats,
  expiresAt: doc.expiresAt,
  overQuotaAllowed: doc.overQuotaAllowed,
  computerIds: doc.computerIds,
  compliance: licenseCompliance({ seats: doc.seats, assigned: doc.computerIds.length, expiresAt: doc.expiresAt }, now),
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

/** Licences and compliance, from the read models only. */
@Injectable()
export class LicenseQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly visibility: HeldVisibility,
    private readonly software: SoftwareQueries,
  ) {}

  licenses() {
    return this.projections.collection<LicenseListDoc>(licenseListProjection.name);
  }

  async list(caller: Caller, query: ListLicensesQuery) {
    const criteria = [
      await this.visibility.filter(caller),
      ...(query.softwareId ? [{ softwareId: query.softwareId }] : []),
      ...(query.name ? [{ name: contains(query.name) }] : []),
    ];
    return pageOf(await this.licenses(), { $and: criteria }, query, 'name', (doc) => licenseView(doc));
  }

  /** The licence, or 404 when the caller may not see it. */
  async visible(caller: Caller, licenseId: string): Promise<LicenseListDoc> {
    return this.visibility.seen(caller, await (await this.licenses()).findOne({ licenseId }), `licence ${licenseId}`);
  }

  /** A licence the caller may change: seen, and held by an entity of their scope. */
  async changeable(caller: Caller, licenseId: string): Promise<LicenseListDoc> {
    const license = await this.visible(caller, licenseId);
    if (!caller.scope.includes(license.entityId)) {
      throw new DomainError(
        'forbidden',
        `licence ${license.name} is held by entity ${license.entityId}, outside your scope`,
      );
    }
    return license;
  }

  async get(caller: Caller, licenseId: string) {
    return licenseView(await this.visible(caller, licenseId));
  }

  /**
   * A software's compliance in the caller's view: the seats of the licences they see against the
   * computers of their entities it is installed on (one counted equality per entity).
   */
  async compliance(caller: Caller, softwareId: string) {
    const software = await this.software.visible(caller, softwareId);
    const [licenses, installations] = await Promise.all([
      this.visibleLicensesOf(caller, softwareId),
      this.software.installedTally(caller, softwareId).then(({ computers }) => computers),
    ]);
    const now = new Date();
    return {
      softwareId,
      name: software.name,
      ...softwareCompliance(
        licenses.map((doc) => ({ seats: doc.seats, assigned: doc.computerIds.length, expiresAt: doc.expiresAt })),
        installations,
        now,
      ),
      licenses: licenses.map((doc) => licenseView(doc, now)),
    };
  }

  private async visibleLicensesOf(caller: Caller, softwareId: string): Promise<LicenseListDoc[]> {
    const all = await (await this.licenses()).find({ softwareId }).sort({ name: 1 }).toArray();
    const seen = await Promise.all(all.map((doc) => this.visibility.sees(caller, doc)));
    return all.filter((_, index) => seen[index]);
  }
}
