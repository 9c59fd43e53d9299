import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

/** A list's one criterion, a part of the name, applied on submit (the software and licence lists). */
export function NameCriteria({
  name,
  onSearch,
}: {
  name: string | undefined;
  onSearch(name: string | undefined): void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(name ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(typed.trim() || undefined);
  };
  return (
    <form className="card criteria" aria-label={t('criteria')} onSubmit={submit}>
      <div className="field">
        <label htmlFor="criteria-name">{t('name')}</label>
        <input id="criteria-name" value={typed} onChange={(event) => setTyped(event.target.value)} />
      </div>
      <button type="submit">{t('search')}</button>
    </form>
  );
}
