import type { SlaBreached } from '@itsm/contracts';
import { breachMessage, isLevelReached } from './breach-message';

const breached: SlaBreached = {
  type: 'sla.breached',
  data: {
    ticketId: 't1',
    slaId: 's1',
    agreement: 'sla',
    kind: 'ttr',
    entityId: 'root',
    name: 'TTR 8 h ouvrées',
    deadline: '2026-11-30T16:00:00.000Z',
    levelId: 'deadline',
    levelName: 'Deadline',
    offsetMinutes: 0,
    dueAt: '2026-11-30T16:00:00.000Z',
    actions: [{ type: 'notify-assignees' }],
  },
};

describe('the breach mail', () => {
  it('names the ticket, the deadline kind as GLPI shows it, and the level', () => {
    const { subject, text } = breachMessage(breached, "Problème d'impression");
    expect(subject).toBe("[ITSM] TTR deadline breached: Problème d'impression");
    expect(text).toContain('TTR: TTR 8 h ouvrées');
    expect(text).toContain('Deadline: 2026-11-30T16:00:00.000Z');
    expect(text).toContain('Level: Deadline (+0 min)');
  });

  it('calls an internal warning an approaching TTO interne', () => {
    const warning = {
      ...breached,
      type: 'sla.warning' as const,
      data: { ...breached.data, agreement: 'ola' as const, kind: 'tto' as const, offsetMinutes: -30 },
    };
    expect(breachMessage(warning, 'X').subject).toBe('[ITSM] TTO interne deadline approaching: X');
    expect(breachMessage(warning, 'X').text).toContain('(-30 min)');
  });

  it('recognises only the three level events', () => {
    expect(isLevelReached(breached)).toBe(true);
    expect(isLevelReached({ type: 'sla.met' })).toBe(false);
  });
});
