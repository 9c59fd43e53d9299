import { useState, type FormEvent, type ReactNode } from 'react';
import type { LicenseTerms } from '../../api/parc-commands';
import type { License } from '../../api/parc-views';
import { CheckField, TextField } from '../../components/admin-form';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { licenseTermsOf, licenseTermsValues } from './license-terms';

/** A licence's terms (GLPI's SoftwareLicense): name, serial, seats or unlimited, expiry, over-quota. */
export function LicenseTermsForm(props: {
  license?: License;
  title: string;
  submitLabel: string;
  /** what else the form asks first (the software, at creation) */
  children?: ReactNode;
  command: { error: Error | null; isPending: boolean; mutateAsync(terms: LicenseTerms): Promise<unknown> };
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => licenseTermsValues(props.license));
  const set = (change: Partial<typeof values>) => setValues((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.command.mutateAsync(licenseTermsOf(values)).catch(() => undefined);
  };
  return (
    <form className="card" aria-labelledby="license-form-title" onSubmit={submit}>
      <h2 id="license-form-title">{props.title}</h2>
      {props.children}
      <TextField id="license-name" label={t('name')} value={values.name} onChange={(name) => set({ name })} required />
      <TextField id="license-serial" label={t('serial')} value={values.serial} onChange={(serial) => set({ serial })} />
      <CheckField
        id="license-unlimited"
        label={t('unlimited')}
        checked={values.unlimited}
        onChange={(unlimited) => set({ unlimited })}
      />
      {!values.unlimited && (
        <TextField
          id="license-seats"
          type="integer"
          min={0}
          label={t('seats')}
          value={values.seats}
          required
          onChange={(seats) => set({ seats })}
        />
      )}
      <TextField
        id="license-expires"
        type="date"
        label={t('expiresAt')}
        value={values.expiresOn}
        onChange={(expiresOn) => set({ expiresOn })}
      />
      <CheckField
        id="license-over-quota"
        label={t('license.overQuotaAllowed')}
        checked={values.overQuotaAllowed}
        onChange={(overQuotaAllowed) => set({ overQuotaAllowed })}
      />
      <ProblemMessage error={props.command.error} />
      <button type="submit" disabled={props.command.isPending}>
        {props.submitLabel}
      </button>
    </form>
  );
}
