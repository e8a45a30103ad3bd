// The new primary key of an imported row: a UUID v5 (RFC 9562, SHA-1 name-based) over a fixed
// namespace and the name `${legacyTable}:${legacyId}`. Importing the same legacy row again gives the
// same id, and a reference can be resolved without a lookup: `uuidFor('Saddles', 7)` is the id the
// models row of Saddles 7 gets.
//
// SHA-1 is computed here in plain JavaScript because the names are short (one 64-byte block):
// `uuid`'s v5 took ~4 µs and node:crypto's createHash ~2.6 µs per id, about ten times what this
// takes, and an Orders row needs seven ids. The result is byte-for-byte `uuid`'s `v5(name, NAMESPACE)`
// (checked in stable-uuid.test.ts).

/**
 * Never change it: every id already written to PostgreSQL was derived from it.
 * Derived once as uuid v5('https://github.com/ordermys-migrate/legacy-id', the RFC URL namespace).
 */
export const LEGACY_ID_NAMESPACE = '83144e3a-ab5d-543e-8cb3-893cfc11fa4f'

const NAMESPACE_BYTES = new Uint8Array(16)
for (let i = 0; i < 16; i++) NAMESPACE_BYTES[i] = parseInt(LEGACY_ID_NAMESPACE.replace(/-/g, '').slice(i * 2, i * 2 + 2), 16)

const HEX_CODES = Buffer.from('0123456789abcdef', 'latin1')
const TEXT = Buffer.alloc(36)

const W = new Int32Array(80)
const H = new Int32Array(5)
let scratch = new Uint8Array(128)

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n))
}

/** SHA-1 of `bytes[0, length)` into H; `bytes` must have room for the padding (length + 72 bytes). */
function sha1(bytes: Uint8Array, length: number): void {
  const total = ((length + 8) >>> 6) * 64 + 64
  bytes[length] = 0x80
  bytes.fill(0, length + 1, total)
  const bits = length * 8
  bytes[total - 4] = bits >>> 24
  bytes[total - 3] = bits >>> 16
  bytes[total - 2] = bits >>> 8
  bytes[total - 1] = bits
  let h0 = 0x67452301
  let h1 = 0xefcdab89 | 0
  let h2 = 0x98badcfe | 0
  let h3 = 0x10325476
  let h4 = 0xc3d2e1f0 | 0
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const p = off + i * 4
      W[i] = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]
    }
    for (let i = 16; i < 80; i++) W[i] = rotl(W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16], 1)
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    // four rounds of 20 steps, each with its own function and constant (no branch per step)
    for (let i = 0; i < 20; i++) {
      const t = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[i]) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = t
    }
    for (let i = 20; i < 40; i++) {
      const t = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[i]) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = t
    }
    for (let i = 40; i < 60; i++) {
      const t = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + W[i]) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = t
    }
    for (let i = 60; i < 80; i++) {
      const t = (rotl(a, 5) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + W[i]) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = t
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
  }
  H[0] = h0
  H[1] = h1
  H[2] = h2
  H[3] = h3
  H[4] = h4
}

/** Byte i of the digest (big-endian words). */
function byte(i: number): number {
  return (H[i >> 2] >>> (24 - 8 * (i & 3))) & 0xff
}

/** UUID v5 of `name` (UTF-8) in the fixed legacy-id namespace. */
export function uuidV5(name: string): string {
  let length = 16
  const needed = 16 + name.length * 3 + 72
  if (scratch.length < needed) scratch = new Uint8Array(needed * 2)
  scratch.set(NAMESPACE_BYTES, 0)
  let ascii = true
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (code > 0x7f) {
      ascii = false
      break
    }
    scratch[length++] = code
  }
  if (!ascii) length = 16 + Buffer.from(scratch.buffer, 16, scratch.length - 16).write(name, 'utf8')
  sha1(scratch, length)
  // Written as ASCII into a buffer and read back as one flat string: 20 concatenations made a rope
  // that every later reader (the binary COPY writer, a Map key) had to flatten first.
  let at = 0
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) TEXT[at++] = 0x2d /* - */
    const value = i === 6 ? (byte(6) & 0x0f) | 0x50 : i === 8 ? (byte(8) & 0x3f) | 0x80 : byte(i)
    TEXT[at++] = HEX_CODES[value >> 4]
    TEXT[at++] = HEX_CODES[value & 0x0f]
  }
  return TEXT.toString('latin1', 0, 36)
}

/** The stable id of legacy row `legacyId` of `legacyTable` (the legacy table name, e.g. 'Saddles'). */
export function stableUuid(legacyTable: string, legacyId: number): string {
  return uuidV5(`${legacyTable}:${legacyId}`)
}
