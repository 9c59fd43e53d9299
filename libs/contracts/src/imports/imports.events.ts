import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type ContextEvents, type EventOf } from '../event-definition';
import { choice, flag, id, list, nullableText, object, partialObject, text } from '../schema-builders';

// Events of the imports context (topic itsm.imports.events): Data Injection's models and runs.
// The lines themselves are not events of the run: the owning services' answers to the commands
// each line sends are (see docs/imports.md).

const v1 = eventVersion('imports', 1);

const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;
const lineNumber = (description: string) => ({ type: 'integer', minimum: 1, description }) as const;

/** What a Data Injection model can import. */
export const IMPORT_TARGET_TYPES = [
  'computers',
  'monitors',
  'printers',
  'network-equipments',
  'phones',
  'peripherals',
  'software',
  'licenses',
  'users',
  'groups',
  'group-memberships',
  'authorizations',
  'entities',
  'locations',
  'itil-categories',
] as const;

const targetType = choice(IMPORT_TARGET_TYPES, 'the type of data the model imports');

const options = object({
  allowCreation: flag('lines that match nothing create an item'),
  allowUpdate: flag('lines that match an item update it'),
  allowDropdownCreation: flag('unknown dropdown values are created'),
  overwriteNonEmptyFields: flag('an update replaces fields that already have a value'),
  dateFormat: choice(['yyyy-mm-dd', 'dd-mm-yyyy', 'mm-dd-yyyy'], 'order of the date parts; - or / between them'),
  floatFormat: choice(['comma', 'dot', 'thousands-comma'], '1234,56 | 1234.56 | 1,234.56; spaces stripped'),
  delimiter: text('the one-character field delimiter', 1),
  headerPresent: flag('the first line names the columns'),
  encoding: choice(['auto', 'utf-8', 'windows-1252'], 'the file encoding (ISO-8859-1 is read as Windows-1252)'),
  multilineValues: choice(['replace', 'append'], 'multiline text replaces the stored value or is appended to it'),
});

const mappedColumn = object({
  column: text('the column header in the file'),
  field: nullableText('the field it fills, null when the column is ignored', 64),
  linkField: flag('used to find an existing item'),
  mandatory: flag('a line with this column empty fails (code 23)'),
});

const additionalField = object({
  field: text('a field asked at each run and added to every line', 64),
  mandatory: flag('the run needs a value for it'),
});

const modelFields = {
  name: text('the model name'),
  comment: text('free text', 10_000),
  entityId: id('entity the model belongs to'),
  recursive: flag('visible in the sub-entities'),
  private: flag('visible to its owner only'),
  targetType,
  options,
  mapping: list(mappedColumn, 'the columns of the file, in order'),
  additionalFields: list(additionalField, 'the information asked at each run'),
};

export const importModelCreated = v1(
  'import-model.created',
  'A Data Injection model was created.',
  object({ modelId: id('the model'), ownerId: id('the user who created it'), ...modelFields }),
);

export const importModelChanged = v1(
  'import-model.changed',
  'A model was changed; only the fields given changed.',
  partialObject({ modelId: id('the model'), ...modelFields }, ['modelId']),
);

export const importModelDeleted = v1(
  'import-model.deleted',
  'A model was deleted.',
  object({ modelId: id('the model') }),
);

export const importRunQueued = v1(
  'import-run.queued',
  'A file was uploaded to be imported (or checked, in a dry run) with a model.',
  object({
    runId: id('the run'),
    modelId: id('the model'),
    entityId: id('the entity the lines are written into'),
    fileId: id('the uploaded file (GridFS)'),
    fileName: text('the file name as uploaded'),
    sizeBytes: count('the file size'),
    dryRun: flag('everything but the writes'),
    additional: list(
      object({ field: text("a field of the model's additional information", 64), value: text('the value given') }),
      'the additional information given at the run, added to every line',
    ),
  }),
);

export const importRunCheckingStarted = v1(
  'import-run.checking-started',
  'A worker took the run and checks the file against the model.',
  object({ runId: id('the run') }),
);

export const importRunStarted = v1(
  'import-run.started',
  'The file matched the model; its lines are being imported.',
  object({ runId: id('the run'), header: list(text('a column header'), 'the header read from the file') }),
);

export const importRunBatchSent = v1(
  'import-run.batch-sent',
  'Lines fromLine..toLine were read and their commands sent: a resumed run starts after toLine.',
  object({
    runId: id('the run'),
    fromLine: lineNumber('first line of the batch'),
    toLine: lineNumber('last line of the batch'),
  }),
);

export const importRunBatchDecided = v1(
  'import-run.batch-decided',
  'Lines fromLine..toLine were decided and are about to be sent; `creations` are the lines that create an item. ' +
    'A run resumed before the batch was recorded as sent sends those lines as creations again (the same commands, ' +
    'answered once by their owner) rather than as updates of the items their first sending may have created.',
  object({
    runId: id('the run'),
    fromLine: lineNumber('first line of the batch'),
    toLine: lineNumber('last line of the batch'),
    creations: list(lineNumber('a line that creates an item'), 'the lines of the batch that create an item'),
  }),
);

export const importRunFinished = v1(
  'import-run.finished',
  'Every line has its result.',
  object({
    runId: id('the run'),
    succeeded: count('lines created or updated (would be, in a dry run)'),
    warnings: count('of which with a warning (code 12)'),
    failed: count('lines refused'),
  }),
);

export const importRunFailed = v1(
  'import-run.failed',
  'The run stopped: the file does not match the model, cannot be read, or is gone.',
  object({ runId: id('the run'), reason: text('what went wrong', 2000) }),
);

export const importRunCancelled = v1(
  'import-run.cancelled',
  'The run was cancelled; lines already sent keep their result.',
  object({ runId: id('the run'), reason: text('who cancelled it, or why', 2000) }),
);

export type ImportOptionsData = FromSchema<typeof options>;
export type ImportModelCreated = EventOf<typeof importModelCreated>;
export type ImportModelChanged = EventOf<typeof importModelChanged>;
export type ImportModelDeleted = EventOf<typeof importModelDeleted>;
export type ImportModelEvent = ImportModelCreated | ImportModelChanged | ImportModelDeleted;
export type ImportRunQueued = EventOf<typeof importRunQueued>;
export type ImportRunEvent =
  | ImportRunQueued
  | EventOf<typeof importRunCheckingStarted>
  | EventOf<typeof importRunStarted>
  | EventOf<typeof importRunBatchSent>
  | EventOf<typeof importRunBatchDecided>
  | EventOf<typeof importRunFinished>
  | EventOf<typeof importRunFailed>
  | EventOf<typeof importRunCancelled>;

export const importsEvents: ContextEvents = {
  context: 'imports',
  description: 'Data Injection: import models and runs',
  events: [
    importModelCreated,
    importModelChanged,
    importModelDeleted,
    importRunQueued,
    importRunCheckingStarted,
    importRunStarted,
    importRunBatchSent,
    importRunBatchDecided,
    importRunFinished,
    importRunFailed,
    importRunCancelled,
  ],
};
