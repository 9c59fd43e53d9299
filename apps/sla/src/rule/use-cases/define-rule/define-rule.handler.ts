import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SystemCaller } from '@itsm/auth';
import { EventSourcedCommands, newId, ProjectionRegistry } from '@itsm/runtime';
import {
  agreementListProjection,
  liveAgreements,
  type AgreementDoc,
} from '../../../agreement/read-models/agreement-list.projection';
import { DefinitionScope } from '../../../shared/definition-scope';
import { slaRuleDecider, slaRuleStreamId } from '../../sla-rule.decider';
import type { SlaRuleDoc } from '../../read-models/rule-list.projection';
import type { DefineRuleRequestDto, RuleTermsDto } from './define-rule.request.dto';

/** Defines a rule (no `existing`), or replaces the terms of one the caller may see (`existing`). */
export class DefineRuleCommand extends Command<{ ruleId: string }> {
  constructor(
    readonly caller: Caller | (SystemCaller & { entityId: string }),
    readonly request: DefineRuleRequestDto | RuleTermsDto,
    readonly existing?: SlaRuleDoc,
  ) {
    super();
  }
}

@CommandHandler(DefineRuleCommand)
export class DefineRuleHandler implements ICommandHandler<DefineRuleCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  async execute({ caller, request, existing }: DefineRuleCommand) {
    const created = request as DefineRuleRequestDto;
    const entityId = existing?.entityId ?? created.entityId ?? caller.entityId;
    this.scope.assertWritable(caller, entityId);
    const agreements = await this.usableAgreements([...new Set(request.slaIds)], entityId);
    const ruleId = existing?.ruleId ?? newId();
    const criteria = request.criteria ?? {};
    const owner = existing
      ? ({ type: 'change-rule' } as const)
      : ({ type: 'define-rule', entityId, recursive: created.recursive ?? true } as const);
    await this.commands.execute(
      slaRuleDecider,
      slaRuleStreamId(ruleId),
      {
        ...owner,
        ruleId,
        name: request.name,
        rank: request.rank ?? 100,
        criteria: {
          types: [...new Set(criteria.types ?? [])],
          categoryIds: [...new Set(criteria.categoryIds ?? [])],
          priorities: [...new Set(criteria.priorities ?? [])],
        },
        agreements: agreements.map(({ slaId, agreement, kind }) => ({ slaId, agreement, kind })),
      },
      commandMetadata(caller, entityId),
    );
    return { ruleId };
  }

  /** A rule of an entity may give only agreements that apply there, not deleted ones. */
  private async usableAgreements(slaIds: string[], entityId: string): Promise<AgreementDoc[]> {
    const collection = await this.projections.collection<AgreementDoc>(agreementListProjection.name);
    const applicable = await this.scope.applicableTo(entityId);
    const found = await collection
      .find({ $and: [{ slaId: { $in: slaIds }, ...liveAgreements }, applicable] })
      .toArray();
    const missing = slaIds.filter((slaId) => !found.some((agreement) => agreement.slaId === slaId));
    if (missing.length > 0) {
      throw new DomainError('rule', `unknown SLA ${missing.join(', ')} for entity ${entityId}`);
    }
    return found;
  }
}
