import { useI18n } from '../i18n/i18n';

/** A refused call's detail (problem+json), announced to screen readers. */
export function ProblemMessage({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {t('error')} : {error.message}
    </p>
  );
}
