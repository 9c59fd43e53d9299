import type { SlaDefined } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type AgreementDoc = SlaDefined['data'];

export const agreementListProjection = defineProjection<AgreementDoc>({
  name: 'agreement_list',
  indexes: [{ keys: { slaId: 1 }, options: { name: 'sla', unique: true } }],
  handlers: {
    'sla.defined': (_current, { data }) => ({ ...data }),
    'sla.changed': (current, { data }) => current && { ...current, ...data },
  },
});
