import { useState } from 'react';
import { ticketCommands, useTicketCommand } from '../api/ticket-actions';
import type { TimelineEntry } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { ProblemMessage } from './problem-message';

/** Whether the entry is an approval request still waiting for the signed-in user's answer. */
export function waitsForMe(entry: TimelineEntry, userId: string | undefined): boolean {
  const approver = entry.details.approver as { kind?: string; id?: string } | undefined;
  return (
    entry.kind === 'validation' &&
    entry.details.status === 'waiting' &&
    approver?.kind === 'user' &&
    approver.id === userId
  );
}

/** The approver's answer to a validation request: accept or refuse, with a comment. */
export function ValidationAnswer({ ticketId, entry }: { ticketId: string; entry: TimelineEntry }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [comment, setComment] = useState('');
  const answerIt = useTicketCommand(ticketId, (id, decision: 'accepted' | 'refused') =>
    ticketCommands.answerValidation(id, { validationId: entry.itemId, decision, comment }),
  );
  if (!waitsForMe(entry, me?.user.userId)) return null;
  const fieldId = `validation-comment-${entry.itemId}`;
  return (
    <div className="validation-answer">
      <div className="field">
        <label htmlFor={fieldId}>{t('comment')}</label>
        <input id={fieldId} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <button type="button" onClick={() => answerIt.mutate('accepted')} disabled={answerIt.isPending}>
        {t('accept')}
      </button>
      <button type="button" onClick={() => answerIt.mutate('refused')} disabled={answerIt.isPending}>
        {t('refuse')}
      </button>
      <ProblemMessage error={answerIt.error} />
    </div>
  );
}
