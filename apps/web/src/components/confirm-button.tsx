import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ProblemMessage } from './problem-message';

/**
 * A destructive action in two steps, like GLPI's "Confirmer la suppression définitive ?": the
 * button asks, then "Confirmer" (focused, so Enter confirms and Tab reaches "Annuler") runs it.
 * Kept in the page rather than `window.confirm`, which a screen reader announces badly.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  command: { error: Error | null; isPending: boolean; mutateAsync(): Promise<unknown> };
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  const run = () => {
    setAsking(false);
    void props.command.mutateAsync().catch(() => undefined);
  };
  return (
    <>
      {asking ? (
        <span role="group" aria-label={props.question} className="confirm">
          <span>{props.question}</span>{' '}
          <button type="button" ref={confirm} onClick={run}>
            {t('confirm')}
          </button>{' '}
          <button type="button" className="link" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="link" onClick={() => setAsking(true)} disabled={props.command.isPending}>
          {props.label}
        </button>
      )}
      <ProblemMessage error={props.command.error} />
    </>
  );
}
