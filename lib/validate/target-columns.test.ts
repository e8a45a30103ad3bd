import { describe, expect, it } from 'vitest'
import { BinaryCopyValueError, CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { targetValueWriter } from './target-columns'

// A value of the wrong JavaScript type for its column is a mapping bug: refused, naming the value,
// its type and the column type (validateTable adds the table, column, row and ID).

describe('target value writers', () => {
  it.each([
    ['uuid', 42, /^42 \(number\) is not a string for a uuid column$/],
    ['integer', '12', /^'12' \(string\) is not a number for a integer column$/],
    ['timestamp with time zone', '2012-01-02', /^'2012-01-02' \(string\) is not a Date for a timestamp with time zone column$/],
    ['boolean', 1, /^1 \(number\) is not a boolean for a boolean column$/],
    ['numeric', { cents: 5 }, /^\{"cents":5\} \(object\) is not a string for a numeric column$/],
  ])('refuses a %s column given %j', (dataType, value, message) => {
    expect(() => targetValueWriter(dataType)(new CopyBinaryBuffer(), value)).toThrow(BinaryCopyValueError)
    expect(() => targetValueWriter(dataType)(new CopyBinaryBuffer(), value)).toThrow(message)
  })

  it('writes what each type accepts', () => {
    const rows = new CopyBinaryBuffer()
    targetValueWriter('uuid')(rows, '0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6')
    targetValueWriter('integer')(rows, 7n)
    targetValueWriter('numeric')(rows, 12.5)
    targetValueWriter('timestamp with time zone')(rows, new Date(0))
    targetValueWriter('text')(rows, 3)
    targetValueWriter('jsonb')(rows, { a: 1 })
    // header, then length + value: uuid 16, int4 4, numeric 8 + two base-10000 digits, timestamptz 8, '3', jsonb 1 + '{"a":1}'
    expect(rows.take().length).toBe(19 + (4 + 16) + (4 + 4) + (4 + 12) + (4 + 8) + (4 + 1) + (4 + 8))
  })

  it('refuses a column type the validation pass does not write, when the writers are chosen', () => {
    expect(() => targetValueWriter('point')).toThrow(/type point are not written/)
  })
})
