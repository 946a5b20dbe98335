import { useMemo } from 'react';
import { EChart } from '../charts/EChart';
import { classCoverOption } from '../charts/options';
import { label, nameOf } from '../format/labels';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

/** One province's cover by class against the safety floor. */
export function ClassCoverChart({ region }: { region: string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const province = situation?.provinces.find((p) => p.adcode === region);
  const option = useMemo(
    () => province && classCoverOption(province, { className: (c) => label(t, 'class', c), ratio: t('region.cover'), floor: t('category.floor') }),
    [province, t],
  );
  return (
    <section className="panel chart-panel">
      <h2 className="panel-title">
        {province ? `${nameOf(locale, province)} · ` : ''}
        {t('region.cover')}
      </h2>
      {option ? <EChart option={option} label={t('region.cover')} testId="class-cover-chart" /> : <p className="panel-empty">{t('region.pick')}</p>}
    </section>
  );
}
