import { AsyncResource } from 'node:async_hooks';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import type { ProjectionStore } from '@itsm/eventsourcing';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from './access-token';
import type { AccessRevocationDoc } from './access-revocation.projection';
import { RevocationList } from './revocation-list';

/**
 * The revocation list of this replica, re-read from its read model every `refreshMs` in the
 * background: requests check it in memory and never wait on the database, except before the very
 * first read (a replica that starts after a revocation refuses the token from its first request).
 * Only revocations younger than the longest token lifetime are read: older ones void no live token.
 */
export class RevocationListReader implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RevocationList');
  private current?: RevocationList;
  private first?: Promise<RevocationList>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failing = false;
  /**
   * The refreshes run in the scope the reader was made in, never in that of the request whose
   * first read started them: request-scoped bookkeeping (round-trip counts, logs) stays exact.
   */
  private readonly background = new AsyncResource('RevocationListReader');

  constructor(
    private readonly store: ProjectionStore<AccessRevocationDoc>,
    private readonly refreshMs = 1000,
  ) {}

  onApplicationBootstrap(): void {
    void this.list().catch(() => undefined); // the first request awaits it (or tries again)
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  list(): Promise<RevocationList> {
    if (this.current) return Promise.resolve(this.current);
    this.first ??= this.background.runInAsyncScope(() =>
      this.read().then(
        (list) => {
          this.keepRefreshing();
          return list;
        },
        (error: unknown) => {
          this.first = undefined;
          throw new DomainError('unavailable', `the revocation list cannot be read: ${(error as Error).message}`);
        },
      ),
    );
    return this.first;
  }

  private keepRefreshing(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.read()
        .then(
          () => this.recovered(),
          // the last list read stays in force meanwhile: Mongo away stops the service's reads anyway
          (error: Error) => this.failed(error),
        )
        .finally(() => this.keepRefreshing());
    }, this.refreshMs);
    this.timer.unref();
  }

  private async read(): Promise<RevocationList> {
    const since = new Date(Date.now() - MAX_ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString();
    const collection = await this.store.collection();
    const docs = await collection
      .find({ lastRevokedAt: { $gte: since } }, { projection: { _id: 0, _sequence: 0 } })
      .toArray();
    this.current = new RevocationList(docs);
    return this.current;
  }

  private failed(error: Error): void {
    if (this.stopped) return; // a refresh cut by the shutdown (its client closed) is no failure
    if (!this.failing) this.logger.warn(`revocation list not refreshed, the last one read stays: ${error.message}`);
    this.failing = true;
  }

  private recovered(): void {
    if (this.failing) this.logger.log('revocation list refreshed again');
    this.failing = false;
  }
}
