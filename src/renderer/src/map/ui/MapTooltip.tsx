import type { Situation } from '../../../../shared/contract/situation-schemas';
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

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="map-tooltip-row">
      <span>{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

/** Hover details: province (name, risk, band, cover), depot (name, code, cover) or a province aggregate. */
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
  const days = (n: number) => t('days', { n: num.format(n) });
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
        <Row label={t('daysOfCover')} value={days(depot.daysOfCover)} />
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
            <Row label={t('riskBand')} value={t(`band.${p.riskBand}` as MapMessageKey)} />
            <Row label={t('daysOfCover')} value={days(hover.kind === 'aggregate' ? hover.meanDaysOfCover : p.daysOfCover)} />
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
