import { describe, expect, it } from 'vitest'
import { clientConfirmation } from './client-confirmation'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const TOKEN = 'a3f1c2d4e5b6978812345678deadbeefa3f1c2d4e5b6978812345678deadbeef'
const base = { ID: 1, OrderID: 1, Token: TOKEN, Confirmed: 1, ConfirmTime: 1455000000, IP: '192.0.2.10' }

describe('ClientConfirmation → client_confirmations', () => {
  it('maps a row', () => {
    expect(mapWith(clientConfirmation, base, EXISTING)).toEqual({
      target: {
        id: uuid('ClientConfirmation', 1),
        legacyId: 1,
        orderId: uuid('Orders', 1),
        legacyOrderId: 1,
        token: TOKEN,
        confirmed: true,
        confirmedAt: new Date('2016-02-09T06:40:00Z'),
        ip: '192.0.2.10',
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(clientConfirmation, asStagedText(base), EXISTING)).toEqual(mapWith(clientConfirmation, base, EXISTING))
  })

  it.each([
    { name: 'not confirmed (ConfirmTime 0 is normal)', row: { Confirmed: 0, ConfirmTime: 0, IP: null }, want: { confirmed: false, confirmedAt: null, ip: null }, keys: [] },
    { name: 'confirmed without a time', row: { Confirmed: 1, ConfirmTime: 0 }, want: { confirmed: true, confirmedAt: null }, keys: ['ZERO_DATE@ConfirmTime'] },
    { name: 'IPv6', row: { IP: '2001:db8::1' }, want: { ip: '2001:db8::1' }, keys: [] },
    { name: 'orphan order, empty token and IP', row: { OrderID: 424242, Token: '', IP: '' }, want: { orderId: null, legacyOrderId: 424242, token: '', ip: '' }, keys: ['ORPHAN_REF@OrderID'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(clientConfirmation, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
