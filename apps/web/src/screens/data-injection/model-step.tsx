import { useState, type FormEvent } from 'react';
import { useImportModels } from '../../api/parc-queries';
import type { NewModel } from '../../api/import-actions';
import { ASSET_ROUTES, type ImportModel } from '../../api/parc-views';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** The types of data a model imports: the Parc's, then the others (the imports service's list). */
export const TARGET_TYPES = [
  ...ASSET_ROUTES,
  'software',
  'licenses',
  'users',
  'groups',
  'group-memberships',
  'authorizations',
  'entities',
  'locations',
  'itil-categories',
] as const satisfies ReadonlyArray<NewModel['targetType']>;

/** The label of a type of data: the Parc's types by their list's name, the others by their own. */
export const targetLabelKey = (targetType: string) =>
  ((ASSET_ROUTES as readonly string[]).includes(targetType)
    ? `assetType.${targetType}`
    : `target.${targetType}`) as MessageKey;

/** What the first step chose: an existing model, or a new one's name and type; and the file. */
export type ModelChoice = { file: File } & (
  | { model: ImportModel }
  | { model: null; name: string; targetType: (typeof TARGET_TYPES)[number] }
);

/** Step 1: choose a model or name a new one, and the CSV file. */
export function ModelStep({ onNext, busy }: { onNext(choice: ModelChoice): void; busy: boolean }) {
  const { t } = useI18n();
  const models = useImportModels();
  const [modelId, setModelId] = useState('');
  const [name, setName] = useState('');
  const [targetType, setTargetType] = useState<(typeof TARGET_TYPES)[number]>('computers');
  const [file, setFile] = useState<File | null>(null);
  const model = models.data?.find((candidate) => candidate.modelId === modelId) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    onNext(model ? { file, model } : { file, model: null, name: name.trim(), targetType });
  };
  return (
    <form className="card" aria-label={t('injection.chooseModel')} onSubmit={submit}>
      <OptionSelect
        id="injection-model"
        label={t('injection.model')}
        value={modelId}
        emptyLabel={t('injection.newModelChoice')}
        options={(models.data ?? []).map((candidate) => [
          candidate.modelId,
          `${candidate.name} (${t(targetLabelKey(candidate.targetType))})`,
        ])}
        onChange={setModelId}
      />
      {!model && (
        <fieldset>
          <legend>{t('injection.newModel')}</legend>
          <div className="field">
            <label htmlFor="injection-name">{t('injection.modelName')}</label>
            <input id="injection-name" required value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="injection-target">{t('injection.targetType')}</label>
            <select
              id="injection-target"
              value={targetType}
              onChange={(event) => setTargetType(event.target.value as (typeof TARGET_TYPES)[number])}
            >
              {TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(targetLabelKey(type))}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="injection-file">{t('injection.file')}</label>
        <input
          id="injection-file"
          type="file"
          accept=".csv,text/csv"
          required
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" disabled={busy || !file}>
        {t('injection.next')}
      </button>
    </form>
  );
}
