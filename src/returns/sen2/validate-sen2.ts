import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { checkSen2Rules, type Sen2RuleFailure } from '../../domain/returns/sen2/validation-rules.js';
import type { Sen2Return } from '../../domain/returns/sen2/return-model.js';

export const SEN2_SCHEMA_FILE = 'sen2-person-level-2026.xsd';
/** The project's own schema for the return (see its annotation: written from the published specification, not the DfE's file). */
export const sen2Schema = (): string => readFileSync(new URL(`./schema/${SEN2_SCHEMA_FILE}`, import.meta.url), 'utf8');

export interface Sen2SchemaError {
  message: string;
  line: number | null;
}

export interface Sen2Validation {
  /** True only when the file passes the schema and every rule the ledger checks. */
  valid: boolean;
  schemaErrors: Sen2SchemaError[];
  ruleFailures: Sen2RuleFailure[];
}

/** Check the file against the project's schema (xmllint) and the return against the guide's rules the ledger can check. */
export async function validateSen2(sen2: Sen2Return, xml: string): Promise<Sen2Validation> {
  const result = await validateXML({
    xml: [{ fileName: 'sen2.xml', contents: xml }],
    schema: [{ fileName: SEN2_SCHEMA_FILE, contents: sen2Schema() }],
  });
  const schemaErrors = result.errors.map((error) => ({ message: error.message.trim(), line: error.loc?.lineNumber ?? null }));
  const ruleFailures = checkSen2Rules(sen2);
  return { valid: result.valid && schemaErrors.length === 0 && ruleFailures.length === 0, schemaErrors, ruleFailures };
}
