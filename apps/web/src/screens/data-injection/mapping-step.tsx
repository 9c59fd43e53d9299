import { useState } from 'react';
import type { ImportModel, ProposedModel } from '../../api/parc-views';
import { DataTable } from '../../components/list-parts';
import { useI18n } from '../../i18n/i18n';

type Column = ImportModel['mapping'][number];

/** How many of the sample's lines the preview shows. */
const PREVIEW_LINES = 5;

/** The preview of the file's first lines under its header: the cells as text. */
function Preview({ proposed }: { proposed: ProposedModel }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="preview-title">
      <h3 id="preview-title">{t('injection.preview')}</h3>
      <div className="scroll">
        <DataTable
          caption={t('injection.preview')}
          headers={proposed.mapping.map((column, index) => column.column || String(index + 1))}
          rows={proposed.preview.slice(0, PREVIEW_LINES)}
        />
      </div>
    </section>
  );
}

/**
 * Step 2: the mapping proposed from the header, each column to a field of the type (or ignored),
 * link fields and mandatory ones ticked by the user, the options, and the first lines. A model
 * chosen in step 1 shows its own mapping, read-only.
 */
export function MappingStep(props: {
  proposed: ProposedModel;
  model: ImportModel | null;
  busy: boolean;
  onSave(mapping: Column[], options: { allowCreation: boolean; allowUpdate: boolean }): void;
}) {
  const { t, locale } = useI18n();
  const [mapping, setMapping] = useState<Column[]>(props.model?.mapping ?? props.proposed.mapping);
  const [options, setOptions] = useState({
    allowCreation: props.model?.options.allowCreation ?? true,
    allowUpdate: props.model?.options.allowUpdate ?? false,
  });
  const readOnly = props.model !== null;
  const change = (index: number, patch: Partial<Column>) =>
    setMapping(mapping.map((column, at) => (at === index ? { ...column, ...patch } : column)));
  const fieldLabel = (field: string | null) =>
    props.proposed.fields.find((candidate) => candidate.field === field)?.labels[locale] ?? field ?? '';
  return (
    <form
      className="card"
      aria-label={t('injection.mapping')}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave(mapping, options);
      }}
    >
      <table className="list">
        <caption className="visually-hidden">{t('injection.mapping')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('injection.column')}</th>
            <th scope="col">{t('injection.field')}</th>
            <th scope="col">{t('injection.linkField')}</th>
            <th scope="col">{t('injection.mandatory')}</th>
          </tr>
        </thead>
        <tbody>
          {mapping.map((column, index) => (
            <tr key={index}>
              <th scope="row" id={`column-${index}`}>
                {column.column}
              </th>
              <td>
                <select
                  aria-label={`${t('injection.field')} : ${column.column}`}
                  value={column.field ?? ''}
                  disabled={readOnly}
                  onChange={(event) => change(index, { field: event.target.value || null })}
                >
                  <option value="">{t('injection.ignored')}</option>
                  {props.proposed.fields.map((candidate) => (
                    <option key={candidate.field} value={candidate.field}>
                      {fieldLabel(candidate.field)}
                    </option>
                  ))}
                </select>
              </td>
              {(['linkField', 'mandatory'] as const).map((flag) => (
                <td key={flag}>
                  <input
                    type="checkbox"
                    aria-label={`${t(`injection.${flag}`)} : ${column.column}`}
                    checked={column[flag]}
                    disabled={readOnly || !column.field}
                    onChange={(event) => change(index, { [flag]: event.target.checked })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {(['allowCreation', 'allowUpdate'] as const).map((option) => (
        <div className="field inline" key={option}>
          <input
            id={`injection-${option}`}
            type="checkbox"
            checked={options[option]}
            disabled={readOnly}
            onChange={(event) => setOptions({ ...options, [option]: event.target.checked })}
          />
          <label htmlFor={`injection-${option}`}>{t(`injection.${option}`)}</label>
        </div>
      ))}
      <Preview proposed={props.proposed} />
      <button type="submit" disabled={props.busy}>
        {readOnly ? t('injection.next') : t('injection.saveModel')}
      </button>
    </form>
  );
}
