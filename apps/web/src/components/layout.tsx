import { Link, Outlet } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n';
import { isAdministrator } from '../screens/admin/administrator';
import { SignIn } from '../screens/sign-in';
import { useSession } from '../session/session';
import { ContextSwitcher } from './context-switcher';
import { LanguageSwitcher } from './language-switcher';

/** The header (navigation by interface, switchers, sign-out) and the page; the sign-in form when signed out. */
export function Layout() {
  const { t } = useI18n();
  const { me, loading, selfService, signOut, can } = useSession();
  return (
    <>
      <a className="skip" href="#content">
        {t('skipToContent')}
      </a>
      <header>
        <span className="brand">{t('appName')}</span>
        {me && (
          <nav aria-label={t('home')}>
            <Link to="/">{t('home')}</Link>
            <Link to="/tickets/new">{t('createTicket')}</Link>
            {!selfService && <Link to="/tickets">{t('tickets')}</Link>}
            {can('asset.read') && (
              <Link to="/parc/$assetType" params={{ assetType: 'computers' }} search={{}}>
                {t('parc')}
              </Link>
            )}
            {can('import.run') && <Link to="/data-injection">{t('dataInjection')}</Link>}
            {isAdministrator(can) && <Link to="/admin">{t('admin.title')}</Link>}
          </nav>
        )}
        <div className="tools">
          <LanguageSwitcher />
          {me && <ContextSwitcher />}
          {me && (
            <span className="who">
              {me.user.displayName}{' '}
              <button type="button" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            </span>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {loading ? <p>{t('loading')}</p> : me ? <Outlet /> : <SignIn />}
      </main>
    </>
  );
}
