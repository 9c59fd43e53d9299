import type { SlaDefined } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** `deletedAt`: deleted, kept for the levels of the tickets already given it (GLPI keeps their deadlines). */
export type AgreementDoc = SlaDefined['data'] & { deletedAt?: string };

/** What may still be offered, given by a rule or set by hand: agreements not deleted. */
export const liveAgreements = { deletedAt: { $exists: false } };

export const agreementListProjection = defineProjection<AgreementDoc>({
  name: 'agreement_list',
  indexes: [{ keys: { slaId: 1 }, options: { name: 'sla', unique: true } }],
  handlers: {
    'sla.defined': (_current, { data }) => ({ ...data }),
    'sla.changed': (current, { data }) => current && { ...current, ...data },
    'sla.deleted': (current, { occurredAt }) => current && { ...current, deletedAt: occurredAt },
  },
});
