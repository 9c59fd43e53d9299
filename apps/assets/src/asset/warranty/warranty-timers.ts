import { DelayedJobs, type DelayedJobsOptions } from '@itsm/runtime';

/** One asset's warranty notice: fired on its notice day (UTC midnight), it asks the asset to announce. */
export interface WarrantyTimer {
  jobId: string;
  assetId: string;
  warrantyExpiresOn: string;
  dueAt: string;
}

/** Deterministic: replicas scheduling the same notice (the reactor, the reconciliation) make one job. */
export const warrantyJobId = (assetId: string, warrantyExpiresOn: string): string =>
  `warranty.${assetId}.${warrantyExpiresOn}`;

/**
 * BullMQ delayed jobs, one per asset and warranty end. A job whose asset changed meanwhile (a new
 * warranty, the trash) fires anyway: the asset's decider announces only what is due, once.
 */
export class WarrantyTimers extends DelayedJobs<WarrantyTimer> {
  constructor(options: Omit<DelayedJobsOptions, 'queue' | 'keptMark'>) {
    super({ concurrency: 4, ...options, queue: 'assets-warranty-timers' });
  }
}

export const WARRANTY_TIMERS = Symbol('WARRANTY_TIMERS');
