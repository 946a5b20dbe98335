import { useState } from 'react';
import { useT } from '../../i18n';
import { RulesPanel } from './RulesPanel';

/** Opens the rules panel from the alert list's heading. */
export function RulesButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="rules-open" data-testid="rules-open" onClick={() => setOpen(true)}>
        {t('rules.open')}
      </button>
      {open && <RulesPanel onClose={() => setOpen(false)} />}
    </>
  );
}
