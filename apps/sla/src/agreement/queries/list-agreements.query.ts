import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import { contains, PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { DefinitionScope } from '../../shared/definition-scope';
import { levelsOf } from '../../tracking/deadlines';
import { agreementListProjection, liveAgreements, type AgreementDoc } from '../read-models/agreement-list.projection';

export class ListAgreementsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ enum: ['sla', 'ola'] }) @IsOptional() @IsIn(['sla', 'ola']) agreement?: 'sla' | 'ola';
  @ApiPropertyOptional({ enum: ['tto', 'ttr'] }) @IsOptional() @IsIn(['tto', 'ttr']) kind?: 'tto' | 'ttr';
}

/** The definition with the levels that will run, the implicit breach at the deadline included. */
const agreementView = (doc: AgreementDoc) => {
  const { slaId, entityId, recursive, name, agreement, kind, duration, unit, calendarId, useEntityCalendar } = doc;
  const terms = { name, agreement, kind, duration, unit, calendarId, useEntityCalendar };
  return { slaId, entityId, recursive, ...terms, levels: levelsOf(doc) };
};

/** SLA and OLA definitions the caller sees: of their entities, and recursive ones above. */
@Injectable()
export class AgreementQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  async list(caller: Caller, query: ListAgreementsQuery) {
    const criteria: Record<string, unknown>[] = [liveAgreements, await this.scope.visibleFilter(caller)];
    if (query.name) criteria.push({ name: contains(query.name) });
    if (query.agreement) criteria.push({ agreement: query.agreement });
    if (query.kind) criteria.push({ kind: query.kind });
    return pageOf(await this.collection(), { $and: criteria }, query, 'name', agreementView);
  }

  async get(caller: Caller, slaId: string) {
    return agreementView(await this.visible(caller, slaId));
  }

  /** The definition, or 404 when the caller may not see it or it was deleted. */
  async visible(caller: Caller, slaId: string): Promise<AgreementDoc> {
    return this.scope.findVisible(await this.collection(), caller, { slaId, ...liveAgreements }, `SLA ${slaId}`);
  }

  private collection() {
    return this.projections.collection<AgreementDoc>(agreementListProjection.name);
  }
}
