import { digitGroups } from '../format/numbers';

interface Props {
  value: number;
  testId?: string;
  className?: string;
}

/**
 * A large numeral whose thousands are spaced by CSS, not by separator characters: the
 * element's text stays the plain number and `data-value` carries it for tests and tools.
 */
export function GroupedNumber({ value, testId, className }: Props) {
  return (
    <span className={className ? `grouped-number ${className}` : 'grouped-number'} data-testid={testId} data-value={value}>
      {digitGroups(value).map((group, i) => (
        <span key={i} className="digit-group">
          {group}
        </span>
      ))}
    </span>
  );
}
