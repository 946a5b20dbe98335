import { useEffect, useRef, useState } from 'react';
import type { DepotSummary } from '../../../shared/contract';
import { getInrs } from '../bridge';
import { nameOf } from '../format/labels';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { searchSelectors, useSearchStore } from '../stores/search-store';

/** Finds a depot by name or code (depots:search) and opens it in the drawer. */
export function DepotSearch() {
  const t = useT();
  const locale = useLocale();
  const open = useSearchStore(searchSelectors.open);
  const { hide } = useSearchStore(searchSelectors.actions);
  const { open: openDepot } = useDepotStore(depotSelectors.actions);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<DepotSummary[]>([]);
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) input.current?.focus();
    else {
      setQuery('');
      setResults([]);
      setSearched('');
    }
  }, [open]);

  useEffect(() => {
    const q = query.trim();
    if (!open || q.length === 0) {
      setResults([]);
      setSearched('');
      return;
    }
    let current = true;
    void getInrs()
      .depots.search({ query: q, limit: 20 })
      .then((r) => {
        if (!current) return;
        setResults(r.ok ? r.value : []);
        setSearched(q);
        setActive(0);
      });
    return () => {
      current = false;
    };
  }, [query, open]);

  if (!open) return null;
  const pick = (code: string) => {
    hide();
    void openDepot(code);
  };
  return (
    <div className="search-backdrop" onClick={hide}>
      <div className="search-dialog" role="dialog" aria-modal="true" aria-label={t('search.open')} onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          type="search"
          data-testid="search-input"
          value={query}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(results.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter' && results[active]) pick(results[active].code);
            else if (e.key === 'Escape') hide();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul className="search-results" data-testid="search-results" data-query={searched}>
          {results.map((d, i) => (
            <li key={d.code}>
              <button type="button" data-code={d.code} aria-pressed={i === active} onClick={() => pick(d.code)}>
                <span>{nameOf(locale, d)}</span>
                <code>{d.code}</code>
              </button>
            </li>
          ))}
          {searched && results.length === 0 && <li className="panel-empty">{t('search.empty')}</li>}
        </ul>
        <p className="panel-note">{t('search.hint')}</p>
      </div>
    </div>
  );
}
