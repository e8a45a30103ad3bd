import { describe, expect, it } from 'vitest'
import { hashString, mix, Rng } from './prng'

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(1, 2)))
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(1, 2)))
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(1, 3)))
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('stays in range and is roughly uniform', () => {
    const r = new Rng(42)
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 40_000; i++) {
      const v = r.int(0, 3)
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThanOrEqual(3)
      counts[v]++
    }
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500)
  })

  it('hashes tags and mixes integers deterministically', () => {
    expect(hashString('Orders')).toBe(hashString('Orders'))
    expect(hashString('Orders')).not.toBe(hashString('Order'))
    expect(mix(1, 2)).not.toBe(mix(2, 1))
  })
})
