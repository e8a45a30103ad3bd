// Every row of the shared hard-case fixture (lib/testing/legacy-fixture.ts) through its mapping,
// typed as the dump reader gives it and as text as the staging area gives it.

import { describe, expect, it } from 'vitest'
import { FIXTURE_CASES, LEGACY_FIXTURE_ROWS } from '@/lib/testing/legacy-fixture'
import { LEGACY_TABLES, legacyTable } from '@/lib/testing/legacy-schema'
import type { SqlValue } from '@/lib/dump/types'
import { mappingFor } from './index'
import { asStagedText, contextWith, issueKeys } from './testing'
import { mapRow } from './define-mapping'

const existing = Object.fromEntries(LEGACY_TABLES.map((t) => [t, LEGACY_FIXTURE_ROWS[t].map((row) => row[0] as number)]))
const ctx = contextWith(existing)

function fixtureRow(table: string, id: number): Record<string, SqlValue> {
  const row = LEGACY_FIXTURE_ROWS[table as keyof typeof LEGACY_FIXTURE_ROWS].find((r) => r[0] === id)
  if (!row) throw new Error(`no fixture row ${table} ${id}`)
  return Object.fromEntries(legacyTable(table).columns.map((c, i) => [c.name, row[i]]))
}

function mapFixture(table: string, id: number) {
  const mapping = mappingFor(table)
  if (!mapping) throw new Error(`no mapping for ${table}`)
  return mapRow(mapping, fixtureRow(table, id), ctx)
}

describe('the hard-case fixture', () => {
  const all = LEGACY_TABLES.flatMap((table) => LEGACY_FIXTURE_ROWS[table].map((row) => ({ table, id: row[0] as number })))

  it.each(all)('$table $id is imported, the same from typed values and from staged text', ({ table, id }) => {
    const typed = mapFixture(table, id)
    expect(typed.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(typed.target).not.toBeNull()
    const mapping = mappingFor(table)!
    expect(mapRow(mapping, asStagedText(fixtureRow(table, id)), ctx)).toEqual(typed)
  })

  it.each([
    { case: 'nulByteInText', code: 'NUL_REMOVED' },
    { case: 'singleCharacterEscapes', code: null },
    { case: 'doubleEncodedUtf8', code: 'MOJIBAKE_SUSPECTED' },
    { case: 'doubleEncodedUserName', code: 'MOJIBAKE_SUSPECTED' },
    { case: 'md5Password', code: 'MD5_PASSWORD' },
    { case: 'md5PasswordUpperCase', code: 'MD5_PASSWORD' },
    { case: 'bcryptPassword', code: null },
    { case: 'emptyPassword', code: 'UNKNOWN_PASSWORD_HASH' },
    { case: 'lastLoginNever', code: null },
    { case: 'orphanUserType', code: 'ORPHAN_REF' },
    { case: 'zeroUserType', code: null },
    { case: 'orphanFitterOfCustomer', code: 'ORPHAN_REF' },
    { case: 'zeroFitterOfCustomer', code: null },
    { case: 'unknownCurrency', code: 'UNKNOWN_CURRENCY' },
    { case: 'unknownSaddleType', code: 'UNKNOWN_MODEL_TYPE' },
    { case: 'unknownOptionType', code: 'UNKNOWN_OPTION_TYPE' },
    { case: 'orderDataPhpWrongLength', code: 'PHP_UNSERIALIZE_FAILED' },
    { case: 'orderDataPhpTruncated', code: 'PHP_UNSERIALIZE_FAILED' },
    { case: 'orderDataNotJson', code: 'ORDER_DATA_UNPARSEABLE' },
    { case: 'orderDataJson', code: null },
    { case: 'orderDataJsonEscapes', code: null },
    { case: 'orderDataPhpMultibyte', code: null },
    { case: 'orderDataPhpEmptyArray', code: null },
    { case: 'orderDataEmpty', code: null },
    { case: 'orderDataNull', code: null },
    { case: 'orderData64k', code: null },
    { case: 'orderData1MB', code: null },
    { case: 'unknownOrderStatus', code: ['UNKNOWN_STATUS', 'ORPHAN_REF'] }, // 99 is no Statuses row either
    { case: 'orderTimeZero', code: 'ORDER_TIME_MISSING' },
    { case: 'changeTimeZero', code: 'ZERO_DATE' },
    { case: 'orphanCustomerOfOrder', code: 'ORPHAN_REF' },
    { case: 'zeroCustomerOfOrder', code: null },
    { case: 'orphanOrderOfLine', code: 'ORPHAN_REF' },
    { case: 'dblogTimeZero', code: 'ZERO_DATE' },
    { case: 'zeroDate', code: 'ZERO_DATE' },
    { case: 'unixEpochDate', code: null },
    { case: 'after2038', code: null },
  ] as const)('$case → $code', ({ case: name, code }) => {
    const { table, id, column } = FIXTURE_CASES[name]
    const codes = issueKeys(mapFixture(table, id).issues).filter((k) => k.endsWith(`@${column}`)).map((k) => k.split('@')[0])
    expect(codes).toEqual(code === null ? [] : typeof code === 'string' ? [code] : [...code])
  })

  it.each([
    { table: 'Orders', id: 2, want: { saddleSpecifications: { seat: '17.5"', tree: 'Médium', flap: 'Forward +2cm', extras: ['Kniepausche', 'Ösen', 'Grüner Faden 😀'], notes: "Kunde: Jürgen O'Neil\nPferd: \"Blitz\"", qty: 1, price: 2450.5, rush: false, engraving: null } } },
    { table: 'Orders', id: 9, want: { totalAmount: '99999994.89', balanceOwing: '-5.10', legacyOrderData: '{not json', deletedAt: new Date(1_420_070_400_000) } },
    { table: 'Orders', id: 11, want: { saddleSpecifications: [], totalAmount: '0.01' } },
    { table: 'Customers', id: 7, want: { email: "'", address: '\\', city: '\n', state: '\r\n', zipcode: '', country: '\x1a', phone: '\t', cellphone: ' ', horseName: '  padded  ' } },
    { table: 'Customers', id: 9, want: { name: '李小龍', horseName: '赤兔 🐎' } },
    { table: 'Fitters', id: 5, want: { currency: null, region: 'CA', email: 'NULL' } },
    { table: 'Credentials', id: 4, want: { passwordAlgo: 'md5', mustResetPassword: true, roleId: null, legacyRoleId: 99 } },
    { table: 'Saddles', id: 4, want: { factoryAssignments: { US: 55, EU: null, UK: null, AU: null }, sequence: -1 } },
    { table: 'Log', id: 5, want: { details: expect.stringMatching(/^Sattel 🐴 Größe/) } },
  ])('$table $id', ({ table, id, want }) => {
    expect(mapFixture(table, id).target).toMatchObject(want)
  })
})
