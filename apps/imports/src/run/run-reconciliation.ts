import { Injectable, Logger } from '@nestjs/common';
import { EventSourcedCommands, ProjectionRegistry } from '@itsm/runtime';
import { importRunDecider, runStreamId, type RunStatus } from './import-run.decider';
import { importRunProjection, type ImportRunDoc } from './read-models/import-run.projection';
import { RunQueue } from './run-queue';

const UNDER_WAY: RunStatus[] = ['queued', 'checking', 'running'];

/**
 * Queuing a run appends its event, then adds its job: a crash in between, a Redis that lost its
 * data, or a job that failed all its attempts leave a run under way that no worker will take.
 * Every such run is queued again; its job id is its run id, so replicas reconciling together
 * queue it once, and a worker that takes it resumes it from its checkpoint.
 */
@Injectable()
export class RunReconciliation {
  private readonly logger = new Logger(RunReconciliation.name);

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly commands: EventSourcedCommands,
    private readonly queue: RunQueue,
  ) {}

  /** The runs queued again. */
  async run(): Promise<string[]> {
    const runs = await this.projections.collection<ImportRunDoc>(importRunProjection.name);
    const requeued: string[] = [];
    for await (const { runId } of runs.find({ status: { $in: UNDER_WAY } }, { projection: { runId: 1 } })) {
      if (await this.queue.isLive(runId)) continue;
      // the read model may lag: the run's own stream says whether it is still under way
      const { state } = await this.commands.load(importRunDecider, runStreamId(runId));
      if (!UNDER_WAY.includes(state.status as RunStatus)) continue;
      await this.queue.requeue(runId);
      requeued.push(runId);
    }
    if (requeued.length > 0)
      this.logger.warn(`import runs that had lost their job queued again: ${requeued.join(', ')}`);
    return requeued;
  }
}
