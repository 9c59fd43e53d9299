import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { DefinitionScope } from '../../shared/definition-scope';
import { ruleListProjection, type SlaRuleDoc } from '../read-models/rule-list.projection';

const ruleView = ({ ruleId, entityId, recursive, name, rank, criteria, slaIds }: SlaRuleDoc) => ({
  ruleId,
  entityId,
  recursive,
  name,
  rank,
  criteria,
  slaIds,
});

/** The rules the caller sees, by rank: of their entities, and recursive ones above. */
@Injectable()
export class RuleQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  async list(caller: Caller, query: PageQuery) {
    return pageOf(await this.collection(), await this.scope.visibleFilter(caller), query, 'rank', ruleView);
  }

  async get(caller: Caller, ruleId: string) {
    return ruleView(await this.visible(caller, ruleId));
  }

  /** The rule, or 404 when the caller may not see it. */
  async visible(caller: Caller, ruleId: string): Promise<SlaRuleDoc> {
    return this.scope.findVisible(await this.collection(), caller, { ruleId }, `rule ${ruleId}`);
  }

  private collection() {
    return this.projections.collection<SlaRuleDoc>(ruleListProjection.name);
  }
}
