import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const LEVELS = [1, 2, 3, 4, 5] as const;

export const levelKey = (level: number) => `level.${level}` as MessageKey;
/** GLPI says an impact in the masculine ("Moyen"), urgency and priority in the feminine ("Moyenne") */
const impactKey = (level: number) => `impact.${level}` as MessageKey;

/** Urgency, impact or priority: GLPI's five levels, labelled. */
export function LevelSelect(props: {
  id: string;
  label: string;
  value: number;
  onChange(level: number): void;
  withMajor?: boolean;
  impact?: boolean;
}) {
  const { t } = useI18n();
  const levels = props.withMajor ? [...LEVELS, 6] : LEVELS;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(Number(event.target.value))}>
        {levels.map((level) => (
          <option key={level} value={level}>
            {t(props.impact ? impactKey(level) : levelKey(level))}
          </option>
        ))}
      </select>
    </div>
  );
}
