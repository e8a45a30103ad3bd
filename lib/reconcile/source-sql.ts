// SQL expressions that read staged legacy values (text, exactly as the dump had them) the way the
// contract reads them, for the source side of the reconciliation. Each cast is guarded by a
// pattern: staged tables also hold rejected rows, whose values may not be numbers at all, and
// PostgreSQL may evaluate an expression before a join has filtered those rows out.
//
// Pure string builders; identifiers are quoted by the caller (quoteIdent).

/** A legacy INT as bigint; NULL (or a value that is no integer) → `fallback`. */
export function sqlInteger(value: string, fallback: number | null = null): string {
  const cast = `CASE WHEN ${value} ~ '^[+-]?0*[0-9]{1,18}$' THEN (${value})::bigint END`
  return fallback === null ? cast : `coalesce(${cast}, ${fallback})`
}

/**
 * A legacy DECIMAL as numeric rounded to cents, half away from zero (PostgreSQL's round() on
 * numeric, as lib/convert/money rounds); NULL → `fallback` (the legacy DEFAULT).
 */
export function sqlMoney(value: string, fallback = '0.00'): string {
  return `coalesce(CASE WHEN ${value} ~ '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?$' THEN round((${value})::numeric, 2) END, ${fallback})`
}

/** UNIX seconds (a bigint expression) → timestamptz; 0 → NULL. */
export function sqlUnixTime(seconds: string): string {
  return `CASE WHEN ${seconds} <> 0 THEN to_timestamp(${seconds}) END`
}

/**
 * A legacy DATETIME text (UTC by contract) → timestamptz; the zero date and dates with a zero
 * year, month or day → NULL (lib/convert/mysql-datetime); NULL → the legacy DEFAULT, the zero date.
 */
export function sqlDatetime(value: string): string {
  const shape = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?)?$'`
  return `CASE WHEN ${value} ~ ${shape} AND substr(${value}, 1, 4) <> '0000' AND substr(${value}, 6, 2) <> '00' AND substr(${value}, 9, 2) <> '00'
    THEN ((${value}) || '+00')::timestamptz END`
}

/** A 0/1 flag: non-zero is true (PHP truthiness, lib/convert/legacy-flag); NULL → `fallback`. */
export function sqlFlag(value: string, fallback: 0 | 1): string {
  return `(${sqlInteger(value, fallback)} <> 0)`
}

/** A timestamptz as UTC text with microseconds, independent of the session's TimeZone/DateStyle. */
export function sqlUtcText(timestamp: string): string {
  return `to_char((${timestamp}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

/** A timestamptz as its UTC month, 'YYYY-MM'. */
export function sqlUtcMonth(timestamp: string): string {
  return `to_char((${timestamp}) AT TIME ZONE 'UTC', 'YYYY-MM')`
}

/**
 * The canonical text of a target value for the row hash: independent of session settings, and
 * the same for the same value whatever table it is read from.
 */
export function sqlCanonicalText(column: string, dataType: string): string {
  switch (dataType) {
    case 'timestamp with time zone':
      return sqlUtcText(column)
    case 'text':
    case 'character varying':
      return column
    default:
      // uuid, integer, bigint, numeric(12,2) (scale kept: 12.50), boolean, jsonb (normalised key order)
      return `(${column})::text`
  }
}
