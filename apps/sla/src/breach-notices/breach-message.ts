import type { SlaBreached, SlaEscalated, SlaWarning } from '@itsm/contracts';

export type LevelReached = SlaWarning | SlaBreached | SlaEscalated;

const SLOT_NAMES = { 'sla.tto': 'TTO', 'sla.ttr': 'TTR', 'ola.tto': 'TTO interne', 'ola.ttr': 'TTR interne' } as const;
const WHAT = {
  'sla.warning': 'deadline approaching',
  'sla.breached': 'deadline breached',
  'sla.escalated': 'escalation',
};

export const isLevelReached = (event: { type: string }): event is LevelReached =>
  event.type === 'sla.warning' || event.type === 'sla.breached' || event.type === 'sla.escalated';

/** The mail a technician gets: which ticket, which deadline, what happened. */
export function breachMessage(event: LevelReached, ticketTitle: string): { subject: string; text: string } {
  const { data } = event;
  const slot = SLOT_NAMES[`${data.agreement}.${data.kind}`];
  return {
    subject: `[ITSM] ${slot} ${WHAT[event.type]}: ${ticketTitle}`,
    text: [
      `Ticket: ${ticketTitle} (${data.ticketId})`,
      `${slot}: ${data.name}`,
      `Deadline: ${data.deadline}`,
      `Level: ${data.levelName} (${data.offsetMinutes >= 0 ? '+' : ''}${data.offsetMinutes} min), due ${data.dueAt}`,
    ].join('\n'),
  };
}
