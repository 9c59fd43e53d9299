import type { ServiceDescription } from '@itsm/runtime';
import { SLA_DEFAULTS } from './sla.module';

/** The sla service as its main.ts runs it and its HTTP tests start it. */
export const SLA_SERVICE: ServiceDescription = {
  name: SLA_DEFAULTS.name,
  title: 'ITSM sla',
  description:
    'Business calendars, SLA and OLA definitions with escalation levels, the rules choosing them, and ticket deadlines.',
};
