import { GroupedNumber } from './GroupedNumber';

interface Props {
  label: string;
  value: number;
  testId: string;
}

export function KpiTile({ label, value, testId }: Props) {
  return (
    <section className="kpi-tile">
      <h2 className="kpi-label">{label}</h2>
      <GroupedNumber className="kpi-value" value={value} testId={testId} />
    </section>
  );
}
