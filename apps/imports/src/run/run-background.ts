import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { RunQueue } from './run-queue';
import { RunWorker } from './run-worker';

/** This replica's import worker: takes queued runs, and runs whose worker died. */
@Injectable()
export class RunBackground implements OnApplicationBootstrap {
  constructor(
    private readonly queue: RunQueue,
    private readonly worker: RunWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.start((job) => this.worker.work(job.runId, job.token));
  }
}
