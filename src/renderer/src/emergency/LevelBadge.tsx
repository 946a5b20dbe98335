import { LEVEL_COLOURS, type EmergencyLevel } from '../../../shared/domain/emergency';
import { useT } from '../i18n';

/** Levels whose signal colour is light: dark text on them stays readable. */
const LIGHT: ReadonlySet<EmergencyLevel> = new Set<EmergencyLevel>(['III', 'II']);

export function levelStyle(level: EmergencyLevel): { background: string; color: string } {
  return { background: LEVEL_COLOURS[level], color: LIGHT.has(level) ? '#111111' : '#ffffff' };
}

/** A level as colour and words together, never colour alone. */
export function LevelBadge({ level }: { level: EmergencyLevel }) {
  const t = useT();
  return (
    <span className="level-badge" style={levelStyle(level)} data-level={level}>
      {t(`emergency.level.${level}`)}
    </span>
  );
}
