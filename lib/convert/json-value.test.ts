import { describe, expect, it } from 'vitest'
import { type JsonObject, setJsonKey } from './json-value'

describe('setJsonKey', () => {
  it.each([
    { key: 'seat', want: '{"seat":1}' },
    { key: '__proto__', want: '{"__proto__":1}' },
    { key: 'constructor', want: '{"constructor":1}' },
  ])('stores $key as data', ({ key, want }) => {
    const obj: JsonObject = {}
    setJsonKey(obj, key, 1)
    expect(JSON.stringify(obj)).toBe(want)
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype)
  })
})
