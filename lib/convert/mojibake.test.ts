import { describe, expect, it } from 'vitest'
import { looksLikeMojibake, mojibakeExcerpt, suggestMojibakeRepair } from './mojibake'

/** What a latin1 connection made of UTF-8 text: each byte read as its cp1252 character. */
function doubleEncode(text: string): string {
  const cp1252 = new TextDecoder('windows-1252')
  return cp1252.decode(new TextEncoder().encode(text))
}

describe('suggestMojibakeRepair', () => {
  it.each([
    { raw: 'MÃ¼ller', want: 'Müller' },
    { raw: 'CafÃ©', want: 'Café' },
    { raw: 'Ã©', want: 'é' },
    { raw: 'donâ€™t', want: 'don’t' },
    { raw: 'â€œquotedâ€\u009d', want: '“quoted”' },
    { raw: 'Â£120', want: '£120' },
    { raw: 'SÃ£o Paulo and MÃ¼nchen', want: 'São Paulo and München' },
    { raw: 'MÃƒÂ¼ller', want: 'Müller' }, // encoded twice over
    { raw: 'Müller and MÃ¼ller', want: 'Müller and Müller' }, // mixed: only the damaged part changes
    { raw: 'ðŸ\u0090´', want: '🐴' }, // F0 9F 90 B4: 0x90 has no cp1252 character, latin1 keeps it
    { raw: 'Ã…ngstrÃ¶m', want: 'Ångström' },
  ])('$raw → $want', ({ raw, want }) => {
    expect(looksLikeMojibake(raw)).toBe(true)
    expect(suggestMojibakeRepair(raw)).toBe(want)
  })

  it.each([
    { raw: 'Müller' },
    { raw: 'plain ascii' },
    { raw: 'Crème brûlée' },
    { raw: '🐎 emoji' },
    { raw: 'e\u0301 combining' },
    { raw: 'Ã alone' },
    { raw: '' },
  ])('$raw is left alone', ({ raw }) => {
    expect(suggestMojibakeRepair(raw)).toBeNull()
  })

  it('does not accept a repair that is not valid UTF-8', () => {
    // 'à€' is E0 80: a lead byte with a continuation byte, but an overlong (invalid) sequence
    expect(looksLikeMojibake('xà€€y')).toBe(true)
    expect(suggestMojibakeRepair('xà€€y')).toBeNull()
  })

  it.each([
    { text: 'Müller' },
    { text: 'Straße 5, Zürich' },
    { text: '“Smart quotes” – and — dashes…' },
    { text: 'Ñandú, Łódź, Øresund' },
    { text: 'horse 🐎, flag 🇨🇦' },
    { text: '€ 1.234,50' },
  ])('undoes a double encoding of $text', ({ text }) => {
    expect(suggestMojibakeRepair(doubleEncode(text))).toBe(text)
  })
})

describe('mojibakeExcerpt', () => {
  const long = 'x'.repeat(100)
  it.each([
    { name: 'short values whole', before: 'MÃ¼ller', after: 'Müller', want: { before: 'MÃ¼ller', after: 'Müller' } },
    {
      name: 'the changed part of a long value',
      before: `${long} Hans MÃ¼ller, KÃ¶ln ${long}`,
      after: `${long} Hans Müller, Köln ${long}`,
      // 20 characters of context before the first change and after the last one
      want: { before: '…' + 'x'.repeat(13) + ' Hans MÃ¼ller, KÃ¶ln ' + 'x'.repeat(17) + '…', after: '…' + 'x'.repeat(13) + ' Hans Müller, Köln ' + 'x'.repeat(17) + '…' },
    },
    { name: 'a change at the start', before: `Ã©${long}`, after: `é${long}`, want: { before: 'Ã©' + 'x'.repeat(20) + '…', after: 'é' + 'x'.repeat(20) + '…' } },
  ])('$name', ({ before, after, want }) => {
    expect(mojibakeExcerpt(before, after)).toEqual(want)
  })
})
