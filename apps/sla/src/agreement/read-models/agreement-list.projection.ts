import type { SlaDefined } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export type AgreementDoc = SlaDefined['data'];

export const agreementListProjection: Projection<AgreementDoc> = {
  name: 'agreement_list',
  handles: new Set(['sla.defined']),
  indexes: [{ keys: { slaId: 1 }, options: { name: 'sla', unique: true } }],
  apply: (_current, envelope) => ({ ...(envelope.data as AgreementDoc) }),
};
