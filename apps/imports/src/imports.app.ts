import type { ServiceDescription } from '@itsm/runtime';
import { IMPORTS_DEFAULTS } from './imports.module';

/** The imports service as its main.ts runs it and its HTTP tests start it. */
export const IMPORTS_SERVICE: ServiceDescription = {
  name: IMPORTS_DEFAULTS.name,
  title: 'ITSM imports',
  description:
    "GLPI's Data Injection: CSV import models, and runs streamed in the background, resumable, with a report per line.",
};
