import { planBand, planColour, toCss } from '../../../shared/domain/colour-scales';
import { label } from '../format/labels';
import { formatPercent } from '../format/numbers';
import { useLocale, useT } from '../i18n';

/** A share of plan held, with the swatch and band name of the shared scale the map draws. */
export function PlanShare({ share }: { share: number | null }) {
  const t = useT();
  const locale = useLocale();
  if (share === null) return <span className="plan-share plan-none">{t('figures.noPlan')}</span>;
  const band = planBand(share);
  return (
    <span className="plan-share" data-band={band} title={label(t, 'figures.plan', band)}>
      <span className="map-dot" style={{ background: toCss(planColour(share)) }} />
      {formatPercent(locale, share)}
    </span>
  );
}
