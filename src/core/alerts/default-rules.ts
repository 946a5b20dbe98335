import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlertRuleSet, type AlertRuleSet } from '../../shared/domain/alert-rules';
import { resourcesDir } from '../resources-dir';

export const defaultAlertRulesFile = (): string => join(resourcesDir(), 'alert-rules', 'default.json');

/** Reads and validates a rule-set file (the shipped default by default). */
export function loadAlertRuleSet(file: string = defaultAlertRulesFile()): AlertRuleSet {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the alert rules (${(err as Error).message})`);
  }
  try {
    return parseAlertRuleSet(value);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}
