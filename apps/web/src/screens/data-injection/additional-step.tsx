import { useState } from 'react';
import type { ImportModel, TargetFieldChoice } from '../../api/parc-views';
import { useI18n } from '../../i18n/i18n';

/**
 * Step 3: the additional information the model asks at each run (added to every line), then a dry
 * run (everything but the writes) or the real run.
 */
export function AdditionalStep(props: {
  model: ImportModel;
  fields: TargetFieldChoice[];
  busy: boolean;
  onRun(dryRun: boolean, additional: Record<string, string>): void;
}) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({});
  const labelOf = (field: string) =>
    props.fields.find((candidate) => candidate.field === field)?.labels[locale] ?? field;
  const given = () => Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim()));
  return (
    <form
      className="card"
      aria-label={t('injection.additional')}
      onSubmit={(event) => {
        event.preventDefault();
        props.onRun(false, given());
      }}
    >
      {props.model.additionalFields.length === 0 && <p className="empty">{t('injection.noAdditional')}</p>}
      {props.model.additionalFields.map(({ field, mandatory }) => (
        <div className="field" key={field}>
          <label htmlFor={`additional-${field}`}>{labelOf(field)}</label>
          <input
            id={`additional-${field}`}
            required={mandatory}
            value={values[field] ?? ''}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
        </div>
      ))}
      <button type="button" disabled={props.busy} onClick={() => props.onRun(true, given())}>
        {t('injection.dryRun')}
      </button>
      <button type="submit" disabled={props.busy}>
        {t('injection.launch')}
      </button>
    </form>
  );
}
