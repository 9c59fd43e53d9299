import { useI18n } from '../i18n/i18n';

/** A labelled select of [value, label] options, led by an empty choice ("Aucun" unless told). */
export function OptionSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Array<[value: string, label: string]>;
  onChange(value: string): void;
  emptyLabel?: string;
  required?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        required={props.required}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{props.emptyLabel ?? t('none')}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Categories and users as the select's options. */
export const categoryOptions = (categories: Array<{ categoryId: string; name: string }> | undefined) =>
  (categories ?? []).map((category): [string, string] => [category.categoryId, category.name]);

export const userOptions = (users: Array<{ userId: string; displayName: string }> | undefined) =>
  (users ?? []).map((user): [string, string] => [user.userId, user.displayName]);
