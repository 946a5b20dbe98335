import { HAZARD_MAX_CHARS } from '../../../../shared/contract/scenario-schemas';
import type { Translate } from '../../i18n';
import { isMessageKey } from '../../i18n';
import type { ImportFailure } from './scenario-store';

const PROBLEMS = ['not-json', 'not-collection', 'no-features', 'feature', 'no-population', 'unreadable'] as const;

/**
 * Why a hazard file was refused, in the officer's language: the problem the host names in a word
 * (details.problem), with the feature and rule it quotes for a feature that breaks one; any
 * other failure (the link, the host) with its own message.
 */
export function importErrorText(t: Translate, fileName: string, failure: ImportFailure): string {
  if (failure.kind === 'too-large') return t('hazard.error.too-large', { file: fileName, kb: Math.ceil(failure.chars / 1024), limit: Math.floor(HAZARD_MAX_CHARS / 1024) });
  if (failure.kind === 'unreadable') return t('hazard.error.unreadable', { file: fileName, detail: failure.message });
  const { error } = failure;
  const problem = error.details?.problem;
  if (error.details?.cause === 'hazard-input' && typeof problem === 'string' && (PROBLEMS as readonly string[]).includes(problem)) {
    // The host's message is "hazard:import: FILE: detail"; the detail names the feature and the rule.
    const detail = error.message.replace(/^hazard:import: /, '').replace(`${fileName}: `, '');
    const key = `hazard.error.${problem}`;
    if (isMessageKey(key)) return t(key, { file: fileName, detail });
  }
  const code = `error.code.${error.code}`;
  return t('hazard.error.host', { file: fileName, reason: isMessageKey(code) ? t(code) : error.code, detail: error.message });
}
