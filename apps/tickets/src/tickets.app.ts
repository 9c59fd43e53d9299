import type { ServiceDescription } from '@itsm/runtime';
import { TICKETS_DEFAULTS } from './tickets.module';

/** The tickets service as its main.ts runs it and its HTTP tests start it. */
export const TICKETS_SERVICE: ServiceDescription = {
  name: TICKETS_DEFAULTS.name,
  title: 'ITSM tickets',
  description: 'Incidents and requests through the ITIL lifecycle, and ITIL categories.',
  takesCommands: true,
};
