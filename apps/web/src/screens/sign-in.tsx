import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailed(!(await signIn(login, password)));
  };
  return (
    <form className="card narrow" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn')}</h1>
      <div className="field">
        <label htmlFor="login">{t('login')}</label>
        <input id="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="password">{t('password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {failed && (
        <p role="alert" className="error">
          {t('signInFailed')}
        </p>
      )}
      <button type="submit">{t('signIn')}</button>
    </form>
  );
}
