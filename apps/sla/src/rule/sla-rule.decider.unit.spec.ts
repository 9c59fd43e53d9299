import type { SlaRuleDefined } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { slaRuleDecider, type SlaRuleCommand } from './sla-rule.decider';

const spec = deciderSpecification(slaRuleDecider);

type DefineRule = Extract<SlaRuleCommand, { type: 'define-rule' }>;
type Given = DefineRule['agreements'][number];
const slaTto: Given = { slaId: 'sla-tto', agreement: 'sla', kind: 'tto' };
const slaTtr: Given = { slaId: 'sla-ttr', agreement: 'sla', kind: 'ttr' };
const olaTtr: Given = { slaId: 'ola-ttr', agreement: 'ola', kind: 'ttr' };
const otherSlaTtr: Given = { slaId: 'sla-ttr-8h', agreement: 'sla', kind: 'ttr' };
const criteria = { types: ['incident' as const], categoryIds: ['hardware'], priorities: [4, 5] };

const define = (agreements: Given[], name = 'Incidents matériels'): DefineRule => ({
  type: 'define-rule',
  ruleId: 'r1',
  entityId: 'root',
  recursive: true,
  name,
  rank: 10,
  criteria,
  agreements,
});
const defined = (slaIds: string[]): SlaRuleDefined => ({
  type: 'sla-rule.defined',
  data: { ruleId: 'r1', entityId: 'root', recursive: true, name: 'Incidents matériels', rank: 10, criteria, slaIds },
});

describe('a rule choosing SLAs and OLAs', () => {
  describe('given no rule yet', () => {
    it('when it gives one agreement per slot, then it is defined with them in order', () => {
      spec
        .given([])
        .when(define([slaTto, slaTtr, olaTtr]))
        .then([defined(['sla-tto', 'sla-ttr', 'ola-ttr'])]);
    });

    it('when its name has surrounding spaces, then they are dropped', () => {
      spec
        .given([])
        .when(define([slaTtr], '  Incidents matériels '))
        .then([defined(['sla-ttr'])]);
    });

    it('when its name is blank, then it is refused as a rule', () => {
      spec
        .given([])
        .when(define([slaTtr], '   '))
        .thenFails('rule', /^the rule needs a name$/);
    });

    it('when it gives two agreements in one slot (two SLA TTR), then it is refused as a rule, naming the slot', () => {
      spec
        .given([])
        .when(define([slaTtr, slaTto, otherSlaTtr]))
        .thenFails('rule', /^a rule gives at most one SLA TTR$/);
    });

    it('when it gives an SLA TTR and an OLA TTR, then both are kept (different slots)', () => {
      spec
        .given([])
        .when(define([slaTtr, olaTtr]))
        .then([defined(['sla-ttr', 'ola-ttr'])]);
    });

    it('when it gives no agreement, then it is refused as a rule', () => {
      spec
        .given([])
        .when(define([]))
        .thenFails('rule', /at least one SLA or OLA/);
    });
  });

  describe('given the rule already defined', () => {
    it('when defined again under the same id, then it is a conflict', () => {
      spec
        .given([defined(['sla-ttr'])])
        .when(define([slaTtr]))
        .thenFails('conflict', /rule r1 already exists/);
    });
  });
});

describe("changing a rule's terms", () => {
  const change = (agreements: Given[], name = 'Incidents matériels'): SlaRuleCommand => {
    const { entityId: _entity, recursive: _recursive, ...terms } = define(agreements, name);
    return { ...terms, type: 'change-rule' };
  };

  it('given the rule, when its agreements change, then its terms are replaced, its entity kept', () => {
    spec
      .given([defined(['sla-tto'])])
      .when(change([slaTtr, olaTtr], ' Incidents '))
      .then([
        {
          type: 'sla-rule.changed',
          data: { ruleId: 'r1', name: 'Incidents', rank: 10, criteria, slaIds: ['sla-ttr', 'ola-ttr'] },
        },
      ]);
  });

  it('given the rule, when it would give two agreements in one slot, then it is refused as at its definition', () => {
    spec
      .given([defined(['sla-tto'])])
      .when(change([slaTtr, otherSlaTtr]))
      .thenFails('rule', /at most one SLA TTR/);
  });

  it('given no rule, when changed, then it is not found', () => {
    spec
      .given([])
      .when(change([slaTto]))
      .thenFails('not_found', /unknown rule r1/);
  });
});

describe('deleting a rule', () => {
  const remove: SlaRuleCommand = { type: 'delete-rule', ruleId: 'r1' };
  const deleted = { type: 'sla-rule.deleted' as const, data: { ruleId: 'r1' } };

  it('given the rule, when deleted, then it is deleted', () => {
    spec
      .given([defined(['sla-tto'])])
      .when(remove)
      .then([deleted]);
  });

  it('given it deleted, when deleted or changed again, then it is not found; its id stays taken', () => {
    spec
      .given([defined(['sla-tto']), deleted])
      .when(remove)
      .thenFails('not_found', /unknown rule r1/);
    spec
      .given([defined(['sla-tto']), deleted])
      .when(define([slaTto]))
      .thenFails('conflict', /already exists/);
  });

  it('given no rule, when deleted, then it is not found', () => {
    spec
      .given([])
      .when(remove)
      .thenFails('not_found', /unknown rule r1/);
  });
});
