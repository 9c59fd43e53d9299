import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError, isDomainError } from '@itsm/domain';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { ImportModelCatalogue } from '../../../model/import-model-catalogue';
import type { ImportModelDoc } from '../../../model/read-models/import-model.projection';
import { importRunDecider, runStreamId } from '../../import-run.decider';
import { RunFiles } from '../../run-files';
import { RunQueue } from '../../run-queue';
import { linkFieldsOf } from '../../targets/import-target';
import { ImportTargets } from '../../targets/import-targets';
import { RIGHT_TO_IMPORT } from '../../targets/target-rights';

/** A file stored and what came with it (multipart fields: modelId, dryRun, entityId, additional as JSON). */
export interface StoredUpload {
  fileId: string;
  fileName: string;
  sizeBytes: number;
  fields: Record<string, string>;
}

export class StartRunCommand extends Command<{ runId: string }> {
  constructor(
    readonly caller: Caller,
    readonly token: string,
    readonly upload: StoredUpload,
  ) {
    super();
  }
}

/**
 * Queues a run of a stored file with a model the caller sees, into an entity of their scope, for a
 * type they hold the writing right of; a refused run leaves no file behind.
 */
@CommandHandler(StartRunCommand)
export class StartRunHandler implements ICommandHandler<StartRunCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly models: ImportModelCatalogue,
    private readonly targets: ImportTargets,
    private readonly files: RunFiles,
    private readonly queue: RunQueue,
  ) {}

  async execute({ caller, token, upload }: StartRunCommand) {
    try {
      return await this.start(caller, token, upload);
    } catch (error) {
      await this.files.remove(upload.fileId);
      throw error;
    }
  }

  private async start(caller: Caller, token: string, { fileId, fileName, sizeBytes, fields }: StoredUpload) {
    if (!fields.modelId) throw invalid('modelId', 'the model to import with is required');
    const model = await this.models.visible(caller, fields.modelId);
    // who may import comes first: a caller without the right learns nothing of the model's flaws
    const right = RIGHT_TO_IMPORT[model.targetType];
    if (!caller.rights.has(right))
      throw new DomainError('forbidden', `importing ${model.targetType} needs the right ${right}`);
    const entityId = fields.entityId || caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const target = this.targets.for(model.targetType);
    if (isDomainError(target)) throw target;
    // refused now rather than every line created again for want of finding its item
    const unmatchable = linkFieldsOf(model.mapping).filter(
      (field) => target.linkable && !target.linkable.includes(field),
    );
    if (unmatchable.length > 0) {
      throw new DomainError(
        'rule',
        `existing ${model.targetType} cannot be found by ${unmatchable.join(', ')} yet: choose link fields among ${target.linkable!.join(', ')}`,
      );
    }
    const runId = newId();
    // the token first: a crash after the run is queued leaves a run the reconciliation queues again
    await this.queue.keepToken(runId, token);
    await this.commands.execute(
      importRunDecider,
      runStreamId(runId),
      {
        type: 'queue-run',
        runId,
        modelId: model.modelId,
        entityId,
        fileId,
        fileName,
        sizeBytes,
        dryRun: booleanField(fields.dryRun),
        additional: additionalOf(model, fields.additional),
      },
      commandMetadata(caller, entityId),
      { newStream: true },
    );
    await this.queue.enqueue(runId);
    return { runId };
  }
}

const invalid = (field: string, message: string) =>
  new DomainError('invalid', message, { errors: [{ field, message }] });

function booleanField(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw invalid('dryRun', 'dryRun is true or false');
}

/** The additional information given for the model's fields: each one known, the mandatory ones filled. */
function additionalOf(model: ImportModelDoc, raw: string | undefined): Array<{ field: string; value: string }> {
  let given: Record<string, unknown> = {};
  try {
    given = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    throw invalid('additional', 'additional is a JSON object of field: value');
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalid('additional', 'additional is a JSON object of field: value');
  const asked = new Map(model.additionalFields.map((info) => [info.field, info.mandatory]));
  const errors = Object.entries(given)
    .filter(([field, value]) => !asked.has(field) || typeof value !== 'string' || value.length > 255)
    .map(([field]) => ({
      field: `additional.${field}`,
      message: asked.has(field) ? 'a text of 255 characters at most' : 'not asked by the model',
    }));
  for (const [field, mandatory] of asked) {
    if (mandatory && !String(given[field] ?? '').trim())
      errors.push({ field: `additional.${field}`, message: 'required by the model' });
  }
  if (errors.length > 0)
    throw new DomainError('invalid', 'the additional information does not fit the model', { errors });
  return Object.entries(given).map(([field, value]) => ({ field, value: String(value) }));
}
