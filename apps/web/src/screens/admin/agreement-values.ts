import type { AgreementView } from '../../api/admin-views';
import type { AgreementDefinition, EscalationAction } from '../../api/service-levels';

// An agreement in its form and back: GLPI's SLA/OLA with its length, calendar and escalation levels.

/** the calendar select's choice of the ticket entity's own calendar ('' is 24/7) */
export const ENTITY_CALENDAR = 'entity';

/** A level's actions as the form shows them: two boxes and two groups ('' for none). */
export interface LevelValues {
  name: string;
  offsetMinutes: string;
  notifyAssignees: boolean;
  raisePriority: boolean;
  notifyGroup: string;
  assignGroup: string;
}

export interface AgreementValues {
  name: string;
  agreement: 'sla' | 'ola';
  kind: 'tto' | 'ttr';
  duration: string;
  unit: 'minutes' | 'hours' | 'days';
  calendar: string;
  levels: LevelValues[];
}

export const emptyLevel = (): LevelValues => ({
  name: '',
  offsetMinutes: '0',
  notifyAssignees: false,
  raisePriority: false,
  notifyGroup: '',
  assignGroup: '',
});

const groupOf = (actions: AgreementView['levels'][number]['actions'], type: string) =>
  actions.find((action) => action.type === type)?.groupId ?? '';

/** A new agreement (8 hours TTR SLA, 24/7), or one's terms; the breach sla adds itself is left out. */
export function agreementValues(agreement?: AgreementView): AgreementValues {
  if (!agreement) {
    return { name: '', agreement: 'sla', kind: 'ttr', duration: '8', unit: 'hours', calendar: '', levels: [] };
  }
  return {
    name: agreement.name,
    agreement: agreement.agreement,
    kind: agreement.kind,
    duration: String(agreement.duration),
    unit: agreement.unit,
    calendar: agreement.useEntityCalendar ? ENTITY_CALENDAR : (agreement.calendarId ?? ''),
    levels: agreement.levels
      .filter((level) => level.levelId !== 'deadline')
      .map(({ name, offsetMinutes, actions }) => ({
        name,
        offsetMinutes: String(offsetMinutes),
        notifyAssignees: actions.some((action) => action.type === 'notify-assignees'),
        raisePriority: actions.some((action) => action.type === 'raise-priority'),
        notifyGroup: groupOf(actions, 'notify-group'),
        assignGroup: groupOf(actions, 'assign-group'),
      })),
  };
}

function actionsOf(level: LevelValues): EscalationAction[] {
  return [
    ...(level.notifyAssignees ? [{ type: 'notify-assignees' as const }] : []),
    ...(level.notifyGroup ? [{ type: 'notify-group' as const, groupId: level.notifyGroup }] : []),
    ...(level.raisePriority ? [{ type: 'raise-priority' as const }] : []),
    ...(level.assignGroup ? [{ type: 'assign-group' as const, groupId: level.assignGroup }] : []),
  ];
}

/** The terms sla takes at POST and PUT. */
export function agreementTermsOf(values: AgreementValues): AgreementDefinition {
  const { calendar } = values;
  return {
    name: values.name.trim(),
    agreement: values.agreement,
    kind: values.kind,
    duration: Number(values.duration),
    unit: values.unit,
    // the document types a nullable id as an object: null is what sla takes for 24/7
    ...(calendar === ENTITY_CALENDAR ? { useEntityCalendar: true } : { calendarId: (calendar || null) as never }),
    levels: values.levels.map((level) => ({
      name: level.name.trim(),
      offsetMinutes: Number(level.offsetMinutes),
      actions: actionsOf(level),
    })),
  };
}
