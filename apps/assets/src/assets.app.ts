import type { ServiceDescription } from '@itsm/runtime';
import { ASSETS_DEFAULTS } from './assets.module';

/** The assets service as its main.ts runs it and its HTTP tests start it. */
export const ASSETS_SERVICE: ServiceDescription = {
  name: ASSETS_DEFAULTS.name,
  title: 'ITSM assets',
  description:
    'The Parc: computers, monitors, printers, network equipment, phones and peripherals, with their ' +
    'catalogues (types, models, manufacturers, statuses, locations) and financial information.',
  takesCommands: true,
};
