import type { HostErrorInfo } from '../../../../shared/contract';
import type { RegistryAnswer } from '../../../../shared/contract/registry-schemas';
import { useT } from '../../i18n';

/** What came of a registry step: the server's answer, a host error, or input refused before sending. */
export type Outcome = { kind: 'answer'; answer: RegistryAnswer } | { kind: 'error'; error: HostErrorInfo } | { kind: 'invalid'; message: string };

/** The server's answer in the officer's language: accepted with its seq, or refused with its code and reason. */
export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  const t = useT();
  if (outcome.kind === 'answer' && outcome.answer.status === 'accepted') {
    return (
      <p className="registry-outcome" data-outcome="accepted" role="status">
        {t('registry.outcome.accepted', { seq: outcome.answer.seq ?? '—' })}
      </p>
    );
  }
  const message =
    outcome.kind === 'answer'
      ? t('registry.outcome.refused', { code: outcome.answer.code ?? '?', reason: outcome.answer.reason ?? '' })
      : outcome.kind === 'error'
        ? t('registry.outcome.error', { message: outcome.error.message })
        : outcome.message;
  return (
    <p className="registry-outcome" data-outcome={outcome.kind === 'answer' ? 'refused' : outcome.kind} role="alert">
      {message}
    </p>
  );
}
