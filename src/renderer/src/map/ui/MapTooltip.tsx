import type { Situation } from '../../../../shared/contract/situation-schemas';
import { planBand, planColour, riskColor, toCss } from '../scales/color-scales';
import type { MapLocale, MapMessageKey, MapText } from '../i18n/map-messages';
import type { Hover } from './hover';
import { useLayoutEffect, useRef, useState } from 'react';
import { placeTooltip } from './tooltip-place';

interface Props {
  hover: Hover | null;
  situation: Situation;
  locale: MapLocale;
  t: MapText;
}

function Row({ label, value, swatch, testId }: { label: string; value: string; swatch?: string; testId?: string }) {
  return (
    <div className="map-tooltip-row" data-testid={testId}>
      <span>{label}</span>
      <strong>
        {swatch && <span className="map-dot" data-swatch={swatch} style={{ background: swatch }} />}
        {value}
      </strong>
    </div>
  );
}

/**
 * Hover details: province (name, risk and band, share of plan), depot (name, code, share of
 * plan, fill) or a province aggregate. Each coloured figure carries its band's name and the
 * very swatch the layer and the legend draw (one shared scale).
 */
export function MapTooltip({ hover, situation, locale, t }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  // Measured before paint, so the tooltip never shows cut at the map's edge.
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box || !hover) return setPlace(null);
    setPlace(placeTooltip(hover.x, hover.y, el.offsetWidth, el.offsetHeight, box.clientWidth, box.clientHeight));
  }, [hover]);
  if (!hover) return null;
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const plan = (completion: number | null) =>
    completion === null ? t('noPlan') : `${pct.format(completion)} · ${t(`plan.${planBand(completion)}` as MapMessageKey)}`;
  const province = (adcode: string) => situation.provinces.find((p) => p.adcode === adcode);
  const nameOf = (p: { nameZh: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.nameZh);
  let body;
  if (hover.kind === 'depot') {
    const depot = situation.depots[hover.index];
    if (!depot) return null;
    body = (
      <>
        <div className="map-tooltip-title">{nameOf(depot)}</div>
        <Row label={t('code')} value={depot.code} />
        <Row label={t('planCompletion')} value={plan(depot.planCompletion)} swatch={toCss(planColour(depot.planCompletion))} testId="tooltip-plan" />
        <Row label={t('fill')} value={pct.format(depot.fill)} />
      </>
    );
  } else {
    const p = province(hover.adcode);
    const title = p ? nameOf(p) : hover.kind === 'province' ? hover.name : hover.adcode;
    body = (
      <>
        <div className="map-tooltip-title">{title}</div>
        {hover.kind === 'aggregate' && <Row label={t('depotCount')} value={String(hover.depots)} />}
        {p ? (
          <>
            <Row label={t('riskIndex')} value={num.format(p.riskIndex)} />
            <Row label={t('riskBand')} value={t(`band.${p.riskBand}` as MapMessageKey)} swatch={toCss(riskColor(p.riskIndex))} testId="tooltip-risk" />
            <Row
              label={t('planCompletion')}
              value={plan(hover.kind === 'aggregate' ? hover.planCompletion : p.planCompletion)}
              swatch={toCss(planColour(hover.kind === 'aggregate' ? hover.planCompletion : p.planCompletion))}
              testId="tooltip-plan"
            />
          </>
        ) : (
          <Row label={t('riskIndex')} value={t('noData')} />
        )}
      </>
    );
  }
  return (
    <div className="map-tooltip" data-testid="map-tooltip" data-kind={hover.kind} role="tooltip" ref={ref} style={place ?? { left: hover.x + 16, top: hover.y + 16 }}>
      {body}
    </div>
  );
}
