import { DelayedJobs, type DelayedJobsOptions } from '@itsm/runtime';
import type { LevelTimer } from './timer-plan';

/**
 * One BullMQ delayed job per pending level. A firing job re-checks the ticket and learns whether
 * the level is still due, and when: a deadline moved while it waited makes it wait again.
 */
export class LevelTimers extends DelayedJobs<LevelTimer> {
  constructor(options: Omit<DelayedJobsOptions, 'queue' | 'keptMark'>) {
    // the mark's name predates the kit's default: kept so that an upgrade does not reconcile for nothing
    super({ ...options, queue: 'sla-level-timers', keptMark: 'sla:timers-kept' });
  }
}
