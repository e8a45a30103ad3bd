// Double-encoded UTF-8 ("mojibake"): UTF-8 bytes that were once read as Windows-1252/latin1 and
// encoded to UTF-8 again, so 'Müller' reads 'MÃ¼ller', 'é' reads 'Ã©' and '’' reads 'â€™'. The
// legacy PHP app wrote through a latin1 connection for years, so such text is common in the dump.
//
// We never change the stored value (the contract: text is imported exactly as in the source); the
// mapping warns MOJIBAKE_SUSPECTED and shows the repair computed here: each suspicious sequence —
// a UTF-8 lead byte followed by the right number of continuation bytes, all written as their
// cp1252/latin1 characters — is turned back into bytes and decoded as UTF-8, and kept only when that
// decoding is valid. Text encoded twice over ('MÃƒÂ¼ller') is repaired in up to three rounds.

// cp1252 characters of the bytes 0x80–0x9F that differ from latin1 (MariaDB's "latin1" is cp1252)
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
}

// a continuation byte 0x80–0xBF as a character: latin1 U+0080–U+00BF or its cp1252 replacement
const CONT = '[\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178]'
const SEQUENCE = `[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`
const SUSPECT = new RegExp(SEQUENCE)
const SEQUENCES = new RegExp(SEQUENCE, 'g')

const utf8 = new TextDecoder('utf-8', { fatal: true })

function toByte(char: string): number {
  const code = char.charCodeAt(0)
  return code <= 0xff ? code : CP1252_HIGH[code]
}

function repairSequence(sequence: string): string {
  const bytes = new Uint8Array(sequence.length)
  for (let i = 0; i < sequence.length; i++) bytes[i] = toByte(sequence[i])
  try {
    return utf8.decode(bytes)
  } catch {
    return sequence // not valid UTF-8 (overlong, surrogate, beyond U+10FFFF): not mojibake after all
  }
}

/** Whether the text contains a sequence that looks like double-encoded UTF-8 (cheap; no repair). */
export function looksLikeMojibake(text: string): boolean {
  return SUSPECT.test(text)
}

/** The text with its double-encoded sequences decoded, or null when nothing could be repaired. */
export function suggestMojibakeRepair(text: string): string | null {
  let current = text
  for (let round = 0; round < 3 && SUSPECT.test(current); round++) {
    const next = current.replace(SEQUENCES, repairSequence)
    if (next === current) break
    current = next
  }
  return current === text ? null : current
}

/**
 * The part of a long value that the repair changes, with some context, for messages:
 * { before: '…Hans MÃ¼ller, Köln…', after: '…Hans Müller, Köln…' }. Short values are shown whole.
 */
export function mojibakeExcerpt(original: string, repaired: string, context = 20): { before: string; after: string } {
  if (original.length <= 80) return { before: original, after: repaired }
  let prefix = 0
  const max = Math.min(original.length, repaired.length)
  while (prefix < max && original.charCodeAt(prefix) === repaired.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    original.charCodeAt(original.length - 1 - suffix) === repaired.charCodeAt(repaired.length - 1 - suffix)
  ) suffix++
  const start = Math.max(0, prefix - context)
  const cut = (text: string): string => {
    const end = Math.min(text.length - suffix + context, start + 2 * context + 40)
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '')
  }
  return { before: cut(original), after: cut(repaired) }
}
