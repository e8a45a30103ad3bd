// A small seeded PRNG (sfc32, seeded through a 32-bit hash) for deterministic test data. Entities
// get their own stream from (seed, tag, id), so any table can recompute any row's attributes
// (an order's lines, a customer's fitter) without keeping them in memory.

/** 32-bit hash of a string (FNV-1a), to turn tags into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Mixes integers into one 32-bit value (murmur3 finaliser steps). */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9
  for (const v of values) {
    let k = Math.imul(v | 0, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, 0x1b873593)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(...seed: number[]) {
    this.a = mix(1, ...seed)
    this.b = mix(2, ...seed)
    this.c = mix(3, ...seed)
    this.d = 1
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]
  }

  /** Skewed towards the start of the list (popular items first); power > 1 skews more. */
  pickSkewed<T>(items: readonly T[], power = 2): T {
    return items[Math.floor(Math.pow(this.float(), power) * items.length)]
  }
}
