import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** GS1's EPCIS 2.0 JSON schema, vendored unchanged with its notice (test/epcis/schema/LICENSE-GS1.txt). */
export const EPCIS_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

export function epcisValidator(): (doc: unknown) => ErrorObject[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(`${EPCIS_DIR}EPCIS-JSON-Schema.json`, 'utf8')) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []));
}
