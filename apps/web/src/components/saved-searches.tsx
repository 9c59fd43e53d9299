import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useRemoveSearch, useSaveSearch, useSavedSearches } from '../api/saved-searches';
import { useI18n } from '../i18n/i18n';
import { queryToSearch, searchToQuery, type TicketListSearch } from '../screens/ticket-list-search';
import { useSession } from '../session/session';
import { CheckField, TextField } from './admin-form';
import { ProblemMessage } from './problem-message';

/** The ticket list's saved searches (GLPI's bookmarks): load one, save the current criteria, remove one's own. */
export function SavedSearches({ search }: { search: TicketListSearch }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { me } = useSession();
  const searches = useSavedSearches();
  const save = useSaveSearch();
  const remove = useRemoveSearch();
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const selected = searches.data?.find((saved) => saved.searchId === chosen);

  const load = (searchId: string) => {
    setChosen(searchId);
    const saved = searches.data?.find((candidate) => candidate.searchId === searchId);
    if (saved) void navigate({ to: '/tickets', search: queryToSearch(saved.query) });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await save.mutateAsync({ name, query: searchToQuery(search), shared, recursive: shared });
    setName('');
    setChosen(saved.searchId);
  };
  return (
    <section className="card criteria" aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title">{t('savedSearches')}</h2>
      <div className="field">
        <label htmlFor="saved-search">{t('savedSearch')}</label>
        <select id="saved-search" value={chosen} onChange={(event) => load(event.target.value)}>
          <option value="">{t('none')}</option>
          {(searches.data ?? []).map((saved) => (
            <option key={saved.searchId} value={saved.searchId}>
              {saved.shared ? `${saved.name} (${t('sharedBy', { name: saved.ownerName })})` : saved.name}
            </option>
          ))}
        </select>
      </div>
      {selected && selected.ownerId === me?.user.userId && (
        <button
          type="button"
          onClick={() =>
            void remove.mutateAsync(selected.searchId).then(
              () => setChosen(''),
              () => undefined,
            )
          }
        >
          {t('removeSavedSearch')}
        </button>
      )}
      <form onSubmit={(event) => void submit(event).catch(() => undefined)} aria-label={t('saveSearch')}>
        <TextField
          id="saved-search-name"
          label={t('savedSearchName')}
          value={name}
          onChange={setName}
          maxLength={100}
          required
        />
        <CheckField id="saved-search-shared" label={t('shareInEntity')} checked={shared} onChange={setShared} />
        <button type="submit" disabled={save.isPending}>
          {t('saveSearch')}
        </button>
      </form>
      <ProblemMessage error={save.error ?? remove.error} />
    </section>
  );
}
