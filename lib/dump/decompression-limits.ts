// How far a .gz dump may expand before the reader stops (a gzip bomb: a few megabytes that inflate
// to terabytes of rows for staging, or of blanks for the parser to chew through).
//
// - An absolute limit, ORDERMYS_MAX_DECOMPRESSED_BYTES, default 64 GiB: the production dump is
//   ~355 MB of text and grows by tens of MB a year, so 64 GiB is ~180× room, while it still stops a
//   bomb before it fills the disk of a staging database.
// - A ratio limit, ORDERMYS_MAX_COMPRESSION_RATIO, default 200, checked once the text passes
//   64 MiB: a mysqldump compresses ~5–15× with gzip (the generated production-shaped dump:
//   373 MB → 56 MB, 6.7×), while deflate reaches ~1030× on repeated bytes. 200× is far from both;
//   the 64 MiB floor lets a small, very repetitive dump (a few empty tables) through whatever its ratio.

export interface DecompressionLimits {
  /** dump text bytes (after gunzip) at most */
  maxBytes: number
  /** text bytes per compressed byte at most, once the text is past `ratioAfterBytes` */
  maxRatio: number
  ratioAfterBytes: number
}

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 ** 3
export const DEFAULT_MAX_COMPRESSION_RATIO = 200
export const COMPRESSION_RATIO_AFTER_BYTES = 64 * 1024 ** 2

/** The limits from the environment (ORDERMYS_MAX_DECOMPRESSED_BYTES, ORDERMYS_MAX_COMPRESSION_RATIO), else the defaults. */
export function decompressionLimits(env: Record<string, string | undefined> = process.env): DecompressionLimits {
  return {
    maxBytes: positiveNumber(env, 'ORDERMYS_MAX_DECOMPRESSED_BYTES') ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    maxRatio: positiveNumber(env, 'ORDERMYS_MAX_COMPRESSION_RATIO') ?? DEFAULT_MAX_COMPRESSION_RATIO,
    ratioAfterBytes: COMPRESSION_RATIO_AFTER_BYTES,
  }
}

function positiveNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}`)
  return value
}

/** 68719476736 → "64 GiB", 1500 → "1,500 bytes": limits as people read them. */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % (size / 16) === 0) return `${+(bytes / size).toFixed(2)} ${unit}`
  }
  return `${bytes.toLocaleString('en-US')} bytes`
}
