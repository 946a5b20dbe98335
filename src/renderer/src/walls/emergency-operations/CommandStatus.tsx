import { isMessageKey, useT } from '../../i18n';
import type { CommandView } from '../../emergency/emergency-store';

/** The outcome of the officer's last action of a kind: sending, accepted, or refused with the server's own reason. */
export function CommandStatus({ view, testId }: { view: CommandView | undefined; testId: string }) {
  const t = useT();
  if (!view) return null;
  const codeKey = `error.code.${view.code ?? ''}`;
  const code = view.status === 'failed' && isMessageKey(codeKey) ? t(codeKey) : view.code;
  return (
    <p className="command-status" role={view.status === 'refused' || view.status === 'failed' ? 'alert' : 'status'} data-testid={testId} data-status={view.status} data-code={view.code ?? ''}>
      <strong>{t(`emergency.command.${view.status}`)}</strong>
      {code && <span> [{code}]</span>}
      {view.reason && <span className="command-reason">: {view.reason}</span>}
    </p>
  );
}
