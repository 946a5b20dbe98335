import { useEffect, useState } from 'react';
import type { HolderInstruction, HostErrorInfo } from '../../../shared/contract';
import { getInrs } from '../bridge';
import { regionName } from '../emergency/region-name';
import { formatNumber } from '../format/numbers';
import { useLocale, useT } from '../i18n';

/** The instructions addressed to the contributor as holder of civilian stock: what, from which lot, to where. */
export function MyInstructions({ round }: { round: number }) {
  const t = useT();
  const locale = useLocale();
  const [state, setState] = useState<{ value: HolderInstruction[] | null; error: HostErrorInfo | null }>({ value: null, error: null });
  useEffect(() => {
    let current = true;
    void getInrs()
      .contributor.instructions()
      .then((r) => {
        if (current) setState(r.ok ? { value: r.value.instructions, error: null } : { value: null, error: r.error });
      });
    return () => {
      current = false;
    };
  }, [round]);
  const { value, error } = state;
  return (
    <section className="panel contributor-instructions" data-testid="my-instructions" data-status={value ? 'ready' : error ? 'error' : 'loading'} data-count={value?.length ?? ''}>
      <h2 className="panel-title">{t('contributor.instructions.title')}</h2>
      {error && (
        <p className="contributor-error" role="alert">
          {t('contributor.failed', { message: error.message })}
        </p>
      )}
      {value?.length === 0 && <p className="panel-empty">{t('contributor.instructions.empty')}</p>}
      {value && value.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('contributor.instructions.id')}</th>
              <th scope="col">{t('contributor.instructions.issued')}</th>
              <th scope="col">{t('contributor.instructions.lines')}</th>
              <th scope="col">{t('registry.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {value.map((i) => (
              <tr key={i.id} data-instruction={i.id}>
                <th scope="row" title={i.issuer}>
                  {i.id}
                </th>
                <td>{i.issuedAt.slice(0, 10)}</td>
                <td data-transport={i.transport?.unit}>
                  {i.transport && `${t('contributor.instructions.transport', { unit: i.transport.unit, tonnes: formatNumber(locale, i.transport.tonnes), days: i.transport.days })}：`}
                  {i.lines
                    .map((l) =>
                      t(l.fromDepot ? 'contributor.instructions.carry' : 'contributor.instructions.line', {
                        quantity: formatNumber(locale, l.quantity),
                        category: l.category,
                        lot: l.fromCivilian ?? '—',
                        depot: l.fromDepot ?? '—',
                        to: l.toRegion ? regionName(locale, l.toRegion) : (l.toDepot ?? '—'),
                      }),
                    )
                    .join('；')}
                </td>
                <td>{i.acknowledgedBy ? t('contributor.instructions.acknowledged') : t('contributor.instructions.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
