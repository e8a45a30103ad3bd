// The closed list of row problems. Every rule that rejects a row, or changes, replaces or drops a
// value on its way to PostgreSQL, reports one of these, so the preview and the reconciliation can
// count it (pgloader#1098: real dates turned into NULL without a word — never again).
// `error`: the row cannot be stored and is rejected (kept in staging with its reason).
// `warning`: the row is imported; the operator sees what was done.

export type Severity = 'error' | 'warning'

export interface RuleDefinition {
  severity: Severity
  description: string
}

export const RULE_CODES = {
  MISSING_ID: { severity: 'error', description: 'The row has no ID (NULL, empty or absent), so it cannot be identified or imported.' },
  DUPLICATE_ID: { severity: 'error', description: 'Another row of the same table has the same ID (found by the validation pass); the repeated row is rejected.' },
  INVALID_VALUE: { severity: 'error', description: 'A value cannot be stored in its target column type (text in an INT column, a non-positive ID, money beyond numeric(12,2), an impossible date).' },
  MAPPING_FAILED: { severity: 'error', description: 'The mapping code failed on this row (a bug in the migration tool, not in the data); the row is rejected and the failure shown.' },
  MISSING_VALUE: { severity: 'warning', description: 'A NOT NULL legacy column is NULL or absent from the dump; the legacy DEFAULT was used.' },
  ZERO_DATE: { severity: 'warning', description: 'A time is 0 or the zero date (0000-00-00); the target time is NULL or, where a rule says so, taken from another column.' },
  ORDER_TIME_MISSING: { severity: 'warning', description: 'Orders.OrderTime is 0; created_at is taken from ChangeTime, or from the import time when that is 0 too.' },
  ORPHAN_REF: { severity: 'warning', description: 'A reference points at no row of the referenced table; the uuid is NULL and the legacy id is kept.' },
  MOJIBAKE_SUSPECTED: { severity: 'warning', description: 'Text looks double-encoded (MÃ¼ller); it is imported unchanged and the suggested repair is shown.' },
  NUL_REMOVED: { severity: 'warning', description: 'Text held NUL characters, which PostgreSQL cannot store; they were removed (the source value stays in staging).' },
  PHP_UNSERIALIZE_FAILED: { severity: 'warning', description: 'OrderData looks like PHP serialize() text but is damaged; it is kept as text in legacy_order_data.' },
  ORDER_DATA_UNPARSEABLE: { severity: 'warning', description: 'OrderData is neither JSON nor PHP serialize() text (or is damaged JSON); it is kept as text in legacy_order_data.' },
  ORDER_DATA_ADJUSTED: { severity: 'warning', description: 'A value inside OrderData could not be a JSON value as it was (a number JavaScript cannot hold exactly, INF, a lone surrogate) and was kept as text or replaced.' },
  MD5_PASSWORD: { severity: 'warning', description: 'The password is an md5 digest; the account is imported with must_reset_password.' },
  UNKNOWN_PASSWORD_HASH: { severity: 'warning', description: 'The password is neither bcrypt nor md5 (empty, plain text, another digest); it is not copied (password_hash empty) and a reset is required.' },
  UNKNOWN_STATUS: { severity: 'warning', description: 'Orders.OrderStatus is not one of the legacy statuses 1–12; the order status is pending.' },
  UNKNOWN_CURRENCY: { severity: 'warning', description: 'The currency code is not 1–5 (USD, EUR, GBP, AUD, CAD); currency is NULL.' },
  UNKNOWN_MODEL_TYPE: { severity: 'warning', description: 'Saddles.Type is not 0–3 (jump, dressage, all purpose, endurance); type is NULL.' },
  UNKNOWN_OPTION_TYPE: { severity: 'warning', description: 'Options.OptionType is not 0–2 (single, extra, text); kind is NULL.' },
  UNKNOWN_ROLE: { severity: 'warning', description: 'UserTypes.TypeName is not a known role; the code is taken from the documented ID (1–5) or left NULL.' },
  UNKNOWN_REGION: { severity: 'warning', description: 'Fitters.Country is not in the region table (US, EU, UK, AU, CA); region is NULL.' },
  FLAG_OUT_OF_RANGE: { severity: 'warning', description: 'A 0/1 flag holds another number; it is read as true, as the legacy PHP code did.' },
  MONEY_ROUNDED: { severity: 'warning', description: 'An amount had more than two decimals; it was rounded half away from zero to numeric(12,2).' },
  EXCLUDED: { severity: 'error', description: 'The operator excluded the row (a decision, with its reason): it is not imported, and rows that refer to it become orphans.' },
  USER_LINKED: { severity: 'warning', description: 'The legacy user\'s e-mail matches an existing user of the new system (one without legacy_id): the import links the two — that user gets the legacy id and keeps its own id and values — instead of inserting a second user.' },
  USER_NOT_LINKED: { severity: 'warning', description: 'The legacy user\'s e-mail matches existing users of the new system, but not one alone (several match, or that one is linked to another legacy user already): it is imported as a user of its own.' },
  INVALID_UTF8: { severity: 'warning', description: 'A value in the dump was not valid UTF-8; the dump reader read its invalid bytes as U+FFFD (the message names the byte offset).' },
} as const satisfies Record<string, RuleDefinition>

/**
 * Row problems found by the dump reader while staging, not by a mapping: staging stores them as the
 * row's issues, and a validation pass keeps them (it replaces only the issues mappings report).
 */
export const READER_RULE_CODES: readonly RuleCode[] = ['INVALID_UTF8']

export type RuleCode = keyof typeof RULE_CODES

export const RULE_CODE_LIST = Object.keys(RULE_CODES) as RuleCode[]

export function ruleSeverity(code: RuleCode): Severity {
  return RULE_CODES[code].severity
}

export function isRuleCode(code: string): code is RuleCode {
  return Object.hasOwn(RULE_CODES, code)
}
