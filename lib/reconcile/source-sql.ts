// SQL expressions that read staged legacy values (text, exactly as the dump had them) the way the
// contract reads them, for the source side of the reconciliation. Each cast is guarded: staged
// tables also hold rejected rows, whose values may not be numbers at all, and PostgreSQL may
// evaluate an expression before a join has filtered those rows out.
//
// Pure string builders; identifiers are quoted by the caller (quoteIdent).

/**
 * How a cast is guarded. `input-is-valid` (PostgreSQL 16+) asks the type's own input function,
 * which costs about what the cast does; `pattern` (older servers) matches a regular expression
 * first, four to six times slower on a million rows. For the rows that matter (accepted by
 * validation) both give the cast's value: the guard only keeps rejected rows from raising errors.
 */
export type CastGuard = 'input-is-valid' | 'pattern'

export function castGuardFor(serverVersionNum: number): CastGuard {
  return serverVersionNum >= 160000 ? 'input-is-valid' : 'pattern'
}

export interface SourceSql {
  /** A legacy INT as bigint; NULL (or a value that is no integer) → `fallback`. */
  integer(value: string, fallback?: number | null): string
  /**
   * A legacy DECIMAL as numeric rounded to cents, half away from zero (PostgreSQL's round() on
   * numeric, as lib/convert/money rounds); NULL → `fallback` (the legacy DEFAULT).
   */
  money(value: string, fallback?: string): string
  /**
   * A legacy DATETIME text (UTC by contract) → timestamptz; the zero date and dates with a zero
   * year, month or day → NULL (lib/convert/mysql-datetime).
   */
  datetime(value: string): string
  /** A 0/1 flag: non-zero is true (PHP truthiness, lib/convert/legacy-flag); NULL → `fallback`. */
  flag(value: string, fallback: 0 | 1): string
}

export function sourceSql(guard: CastGuard): SourceSql {
  const valid = (value: string, type: string, pattern: string) =>
    guard === 'input-is-valid' ? `pg_input_is_valid(${value}, '${type}')` : `${value} ~ '${pattern}'`
  const integer = (value: string, fallback: number | null = null) => {
    const cast = `CASE WHEN ${valid(value, 'bigint', '^[+-]?0*[0-9]{1,18}$')} THEN (${value})::bigint END`
    return fallback === null ? cast : `coalesce(${cast}, ${fallback})`
  }
  return {
    integer,
    money: (value, fallback = '0.00') =>
      `coalesce(CASE WHEN ${valid(value, 'numeric', '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?$')} THEN round((${value})::numeric, 2) END, ${fallback})`,
    datetime: (value) => {
      if (guard === 'input-is-valid') {
        // PostgreSQL refuses the zero date and a zero year, month or day itself
        const utc = `(${value}) || '+00'`
        return `CASE WHEN pg_input_is_valid(${utc}, 'timestamptz') THEN (${utc})::timestamptz END`
      }
      const shape = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?)?$'`
      return `CASE WHEN ${value} ~ ${shape} AND substr(${value}, 1, 4) <> '0000' AND substr(${value}, 6, 2) <> '00' AND substr(${value}, 9, 2) <> '00'
    THEN ((${value}) || '+00')::timestamptz END`
    },
    flag: (value, fallback) => `(${integer(value, fallback)} <> 0)`,
  }
}

/** UNIX seconds (a bigint expression) → timestamptz; 0 → NULL. */
export function sqlUnixTime(seconds: string): string {
  return `CASE WHEN ${seconds} <> 0 THEN to_timestamp(${seconds}) END`
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
