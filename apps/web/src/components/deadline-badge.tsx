import type { DeadlineSlot } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { duration } from './duration';

/** A TTO or TTR badge: the deadline, the time left (or late by), paused, met, breached. */
export function DeadlineBadge({ label, slot, now }: { label: string; slot: DeadlineSlot | null; now: number }) {
  const { t, dateTime } = useI18n();
  if (!slot) return null;
  const minutesLeft = (new Date(slot.deadline).getTime() - now) / 60_000;
  const state = slot.met ? 'met' : slot.breached || minutesLeft < 0 ? 'breached' : slot.paused ? 'paused' : 'running';
  const said =
    state === 'met'
      ? t('met')
      : state === 'paused'
        ? t('paused')
        : minutesLeft < 0
          ? `${t('late')} ${duration(minutesLeft)}`
          : `${t('timeLeft')} : ${duration(minutesLeft)}`;
  return (
    <span className={`badge badge-${state}`} title={slot.name}>
      <strong>{label}</strong> {dateTime(slot.deadline)} · {said}
      {slot.breached && state !== 'breached' ? ` · ${t('breached')}` : ''}
    </span>
  );
}
