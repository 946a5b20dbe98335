import { useState } from 'react';
import { getInrs } from '../bridge';
import { OutcomeLine, type Outcome } from '../features/registry/OutcomeLine';
import { useT } from '../i18n';

/**
 * Registering an asset from its file (the format `inrs contributor register` takes): the host
 * checks the file and names a bad field before anything is sent; the server then decides.
 */
export function RegisterAsset({ onRegistered }: { onRegistered(): void }) {
  const t = useT();
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [registered, setRegistered] = useState<{ assetId: string; seq: number | string } | null>(null);
  const pick = async (file: File | undefined) => {
    setOutcome(null);
    setRegistered(null);
    setText(file ? await file.text() : null);
  };
  const submit = async () => {
    if (text === null) return;
    setBusy(true);
    try {
      const r = await getInrs().contributor.register({ text });
      if (r.ok && r.value.status === 'accepted') {
        setRegistered({ assetId: r.value.assetId ?? '—', seq: r.value.seq ?? '—' });
        setOutcome(null);
        onRegistered();
      } else setOutcome(r.ok ? { kind: 'answer', answer: r.value } : { kind: 'error', error: r.error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel contributor-register" data-testid="register-asset">
      <h2 className="panel-title">{t('contributor.register.title')}</h2>
      <p className="panel-note">{t('contributor.register.hint')}</p>
      <div className="registry-actions">
        <label>
          {t('contributor.register.file')}{' '}
          <input type="file" accept=".json,application/json" data-testid="register-file" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        <button type="button" data-action="register" disabled={busy || text === null} onClick={() => void submit()}>
          {t('contributor.register.submit')}
        </button>
      </div>
      {registered && (
        <p className="registry-outcome" data-outcome="accepted" role="status" data-testid="register-accepted">
          {t('contributor.register.accepted', registered)}
        </p>
      )}
      {outcome && <OutcomeLine outcome={outcome} />}
    </section>
  );
}
