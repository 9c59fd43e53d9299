import type { ServiceDescription } from '@itsm/runtime';
import { REPORTING_DEFAULTS } from './reporting.module';

/** The reporting service as its main.ts runs it and its HTTP tests start it. */
export const REPORTING_SERVICE: ServiceDescription = {
  name: REPORTING_DEFAULTS.name,
  title: 'ITSM reporting',
  description:
    "GLPI's statistics (tickets opened, solved, closed, reopened, late; times to own, solve and close; waiting; satisfaction; backlog; SLA and OLA met and breached) by period and dimension, folded from the event stream and recomputed from the topics' beginning when a definition changes.",
};
