import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { answer, identityApi } from '../api/clients';
import type { Me } from '../api/views';
import { useI18n } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { useSession } from '../session/session';

/**
 * The header's language menu. Signed in, the user's language kept by identity wins (applied as
 * soon as /me answers) and a choice here is saved on the user (PATCH of his own profile); signed
 * out, the choice is only this browser's.
 */
export function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const kept = me?.user.language ?? null;
  useEffect(() => {
    if (kept) setLocale(kept);
  }, [kept, setLocale]);

  const choose = async (next: Locale) => {
    setLocale(next);
    if (!me) return;
    queryClient.setQueryData<Me>(
      ['me'],
      (current) => current && { ...current, user: { ...current.user, language: next } },
    );
    await answer(
      identityApi.PATCH('/api/users/{id}', { params: { path: { id: me.user.userId } }, body: { language: next } }),
    );
  };
  return (
    <div className="field inline">
      <label htmlFor="language">{t('language')}</label>
      <select id="language" value={locale} onChange={(event) => void choose(event.target.value as Locale)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </div>
  );
}
