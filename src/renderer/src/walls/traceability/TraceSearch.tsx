import { useState, type FormEvent } from 'react';
import { nameOf } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { traceSelectors, useTraceStore } from './trace-store';

/** Finds lots by lot id, depot or category; picking one shows its life. */
export function TraceSearch() {
  const t = useT();
  const locale = useLocale();
  const query = useTraceStore(traceSelectors.query);
  const results = useTraceStore(traceSelectors.results);
  const lotId = useTraceStore(traceSelectors.lotId);
  const { search, openLot } = useTraceStore(traceSelectors.actions);
  const categories = useSituationStore(situationSelectors.categories);
  const [text, setText] = useState(query);
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? nameOf(locale, c) : code;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(text);
  };
  return (
    <section className="panel trace-search" data-testid="trace-search">
      <h2 className="panel-title">{t('trace.search.label')}</h2>
      <form className="trace-search-form" onSubmit={submit} role="search">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('trace.search.placeholder')}
          aria-label={t('trace.search.placeholder')}
          data-testid="trace-search-input"
          maxLength={64}
        />
        <button type="submit" data-testid="trace-search-submit">
          {t('trace.search.submit')}
        </button>
      </form>
      {results === null ? (
        <p className="panel-empty">{t('trace.search.hint')}</p>
      ) : results.length === 0 ? (
        <p className="panel-empty" data-testid="trace-search-empty">
          {t('trace.search.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="trace-results" data-count={results.length}>
            <thead>
              <tr>
                <th scope="col">{t('trace.col.lot')}</th>
                <th scope="col">{t('trace.col.category')}</th>
                <th scope="col" className="num">{t('trace.col.onHand')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.lotId} className={r.lotId === lotId ? 'clickable selected' : 'clickable'}>
                  <th scope="row">
                    <button type="button" className="link-button" data-testid="trace-result" data-lot={r.lotId} onClick={() => void openLot(r.lotId)}>
                      {r.lotId}
                    </button>
                  </th>
                  <td>{categoryName(r.category)}</td>
                  <td className="num">{formatNumber(locale, r.onHand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
