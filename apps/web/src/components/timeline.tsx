import type { TimelineEntry } from '../api/views';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { duration } from './duration';
import { ValidationAnswer } from './validation-answer';

const STATUS_KEY: Record<string, MessageKey> = {
  waiting: 'validation.waiting',
  accepted: 'solutionApproved',
  refused: 'solutionRefused',
};

/** What an entry's details add to its content: a task's duration, a solution's or approval's answer. */
function EntryDetails({ entry }: { entry: TimelineEntry }) {
  const { t } = useI18n();
  const { details } = entry;
  const status = typeof details.status === 'string' ? details.status : null;
  return (
    <>
      {entry.kind === 'task' && typeof details.durationMinutes === 'number' && details.durationMinutes > 0 && (
        <p className="meta">{duration(details.durationMinutes)}</p>
      )}
      {entry.kind === 'solution' && status && STATUS_KEY[status] && <p className="meta">{t(STATUS_KEY[status])}</p>}
      {entry.kind === 'validation' && status && <p className="meta">{t(`validation.${status}` as MessageKey)}</p>}
      {typeof details.answer === 'string' && details.answer && <p className="meta">{details.answer}</p>}
      {typeof details.reason === 'string' && details.reason && <p className="meta">{details.reason}</p>}
    </>
  );
}

/** The ticket's history of actions, newest first as GLPI shows it; every text is shown as text. */
export function Timeline({ ticketId, entries }: { ticketId: string; entries: TimelineEntry[] }) {
  const { t, dateTime } = useI18n();
  return (
    <ol className="timeline" aria-label={t('timeline')}>
      {[...entries].reverse().map((entry) => (
        <li
          key={`${entry.kind}-${entry.itemId}`}
          className={`entry entry-${entry.kind}${entry.private ? ' private' : ''}`}
        >
          <p className="meta">
            <strong>{t(entry.kind as MessageKey)}</strong> · {dateTime(entry.at)} · {entry.authorName}
            {entry.private ? ` · ${t('private')}` : ''}
          </p>
          <p className="content">{entry.content}</p>
          <EntryDetails entry={entry} />
          <ValidationAnswer ticketId={ticketId} entry={entry} />
        </li>
      ))}
    </ol>
  );
}
