import { describe, expect, it } from 'vitest'
import { createMappingContext, mapRow, mappingFor, type RowIssue } from '@/lib/mappings'
import { applyDecisions, decisionsForRow, indexDecisions, type ActiveDecision } from './apply-decisions'
import { rowFingerprint } from './row-fingerprint'

const context = createMappingContext({
  importTime: new Date('2026-12-03T12:00:00Z'),
  existingIds: new Map([['Fitters', new Set([1, 2])], ['Customers', new Set([1, 2])], ['UserTypes', new Set([1])]]),
})

function decision(over: Partial<ActiveDecision>): ActiveDecision {
  return { id: 'd1', legacyTable: 'Customers', action: 'accept', legacyId: null, rowNumber: null, rule: null, targetColumn: null, value: null, reason: null, ...over }
}

const customer = { ID: 7, FitterID: 1, Name: 'MÃ¼ller', Email: 'm@example.de', Address: 'Hauptstraße 1', City: 'MÃ¼nchen', State: '', Zipcode: '80331', Country: 'Germany', Phone: '', CellPhone: '', HorseName: 'Blitz', Deleted: 0 }
const mapped = mapRow(mappingFor('Customers')!, customer, context) as { target: Record<string, unknown> | null; issues: RowIssue[] }

describe('applyDecisions', () => {
  it('leaves a row alone when no decision concerns it', () => {
    const out = applyDecisions(mapped, customer, [])
    expect(out.target).toBe(mapped.target)
    expect(out.issues.every((i) => i.decisionId === undefined)).toBe(true)
  })

  it('repair: every target value that holds the double-encoded text takes the suggested repair, its issues answered', () => {
    expect(mapped.issues.filter((i) => i.code === 'MOJIBAKE_SUSPECTED').map((i) => i.column)).toEqual(['Name', 'City'])
    const out = applyDecisions(mapped, customer, [decision({ id: 'r', action: 'repair', rule: 'MOJIBAKE_SUSPECTED' })])
    expect(out.target).toMatchObject({ name: 'Müller', city: 'München', horseName: 'Blitz' })
    expect(out.decidedColumns).toEqual(['name', 'city'])
    expect(out.issues.filter((i) => i.code === 'MOJIBAKE_SUSPECTED').map((i) => i.decisionId)).toEqual(['r', 'r'])
    expect(mapped.target).toMatchObject({ name: 'MÃ¼ller' }) // the mapping's own row is not changed
  })

  it('set: the column takes the decided value, the other columns keep theirs', () => {
    const out = applyDecisions(mapped, customer, [decision({ id: 's', action: 'set', legacyId: 7, targetColumn: 'status', value: 'inactive', mappedValue: 'inactive', reason: 'closed account' })])
    expect(out.target).toMatchObject({ status: 'inactive', name: 'MÃ¼ller' })
    expect(out.decidedColumns).toEqual(['status'])
    expect(out.issues.every((i) => i.decisionId === 's')).toBe(true) // a row decision without a rule answers the row's warnings
  })

  it('exclude: no row at all, the reason as an EXCLUDED error, every issue answered', () => {
    const out = applyDecisions(mapped, customer, [decision({ id: 'x', action: 'exclude', legacyId: 7, reason: 'a test customer' }), decision({ id: 's', action: 'set', legacyId: 7, targetColumn: 'status', mappedValue: 'inactive' })])
    expect(out.target).toBeNull()
    expect(out.decidedColumns).toEqual([])
    expect(out.issues.at(-1)).toMatchObject({ code: 'EXCLUDED', severity: 'error', decisionId: 'x', message: expect.stringContaining('a test customer') })
    expect(out.issues.every((i) => i.decisionId === 'x')).toBe(true)
    expect(out.applied).toEqual(['x'])
  })

  it('accept: the warnings of its rule are answered, nothing changes', () => {
    const out = applyDecisions(mapped, customer, [decision({ id: 'a', rule: 'MOJIBAKE_SUSPECTED' })])
    expect(out.target).toEqual(mapped.target)
    expect(out.issues.map((i) => [i.code, i.decisionId])).toEqual(mapped.issues.map((i) => [i.code, i.code === 'MOJIBAKE_SUSPECTED' ? 'a' : undefined]))
  })

  it('a set on a row the mapping rejected changes nothing', () => {
    const rejected = { target: null, issues: [{ severity: 'error', code: 'INVALID_VALUE', column: 'ID', message: 'no' } as RowIssue] }
    const out = applyDecisions(rejected, customer, [decision({ action: 'set', legacyId: 7, targetColumn: 'status', mappedValue: 'inactive' })])
    expect(out.target).toBeNull()
  })
})

describe('decisionsForRow', () => {
  const decisions = indexDecisions([
    decision({ id: 'row', action: 'set', legacyId: 7, targetColumn: 'status' }),
    decision({ id: 'rule', action: 'accept', rule: 'MOJIBAKE_SUSPECTED' }),
    decision({ id: 'other', action: 'accept', rule: 'UNKNOWN_REGION' }),
    decision({ id: 'keep', action: 'keep', legacyId: 3, rowNumber: 4 }),
  ])
  it('takes the row’s own decisions and those of the rules its issues report, once each', () => {
    expect(decisionsForRow(decisions, 7, mapped.issues).map((d) => d.id)).toEqual(['row', 'rule'])
    expect(decisionsForRow(decisions, 8, []).map((d) => d.id)).toEqual([])
    expect(decisions.keep.get(3)?.rowNumber).toBe(4)
  })
})

describe('rowFingerprint', () => {
  const columns = ['ID', 'Name', 'Deleted']
  it('differs when a value differs, or NULL stands where text was', () => {
    const base = rowFingerprint({ ID: 7, Name: 'A', Deleted: 0 }, columns)
    expect(rowFingerprint({ ID: 7, Name: 'A', Deleted: 0, Extra: 'x' }, columns)).toBe(base)
    expect(rowFingerprint({ ID: 7, Name: 'B', Deleted: 0 }, columns)).not.toBe(base)
    expect(rowFingerprint({ ID: 7, Name: null, Deleted: 0 }, columns)).not.toBe(base)
    expect(rowFingerprint({ ID: 7, Name: '', Deleted: 0 }, columns)).not.toBe(rowFingerprint({ ID: 7, Deleted: 0 }, columns))
    expect(rowFingerprint({ ID: '7', Name: 'A', Deleted: 0 }, columns)).not.toBe(base)
  })
})
