import { describe, expect, it } from 'vitest'
import { orders } from './orders'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const JSON_SPEC = '{"seat":"17\\"","tree":"Wide","extras":["Kneeroll"],"notes":"Ship to \\"Stall 3\\""}'
// PHP serialize() as the legacy app wrote it: s:N counts UTF-8 bytes (é 2, ü 2, 😀 4)
const PHP_SPEC = 'a:6:{s:4:"seat";s:5:"17.5"";s:4:"tree";s:7:"Médium";s:6:"extras";a:3:{i:0;s:11:"Kniepausche";i:1;s:5:"Ösen";i:2;s:18:"Grüner Faden 😀";}s:3:"qty";i:1;s:5:"price";d:2450.5;s:4:"rush";b:0;}'

const base = {
  ID: 1, CustomerID: 1, FitterID: 1, SaddleID: 1, LeatherID: 1, FactoryID: 1, OrderStatus: 7,
  OrderTime: 1450000000, ChangeTime: 1460000000, OrderData: JSON_SPEC, SpecialNotes: 'Rush please', SerialNumber: 'SN-0001',
  Currency: 1, PriceSaddle: '2450.00', PriceOptions: '120.50', PriceShipping: '45.00', PriceDeposit: '500.00', IsUrgent: 1, Deleted: 0,
}

function mapOrder(row: Record<string, unknown>) {
  return mapWith(orders, { ...base, ...row } as typeof base, EXISTING)
}

describe('Orders → orders', () => {
  it('maps a row with every column of the contract', () => {
    expect(mapWith(orders, base, EXISTING)).toEqual({
      target: {
        id: uuid('Orders', 1),
        legacyId: 1,
        orderNumber: 'OMS-000001',
        customerId: uuid('Customers', 1),
        legacyCustomerId: 1,
        fitterId: uuid('Fitters', 1),
        legacyFitterId: 1,
        modelId: uuid('Saddles', 1),
        legacySaddleId: 1,
        leatherTypeId: uuid('LeatherTypes', 1),
        legacyLeatherId: 1,
        supplierId: uuid('Factories', 1),
        legacyFactoryId: 1,
        statusId: uuid('Statuses', 7),
        legacyStatusId: 7,
        status: 'completed',
        saddleSpecifications: { seat: '17"', tree: 'Wide', extras: ['Kneeroll'], notes: 'Ship to "Stall 3"' },
        legacyOrderData: null,
        specialInstructions: 'Rush please',
        serialNumber: 'SN-0001',
        currency: 'USD',
        priceSaddle: '2450.00',
        priceOptions: '120.50',
        priceShipping: '45.00',
        totalAmount: '2615.50',
        depositPaid: '500.00',
        balanceOwing: '2115.50',
        isUrgent: true,
        deletedAt: null,
        createdAt: new Date('2015-12-13T09:46:40Z'),
        updatedAt: new Date('2016-04-07T03:33:20Z'),
      },
      issues: [],
    })
  })

  it('maps the staged-text form of the row identically', () => {
    expect(mapWith(orders, asStagedText(base), EXISTING)).toEqual(mapWith(orders, base, EXISTING))
  })

  it.each([
    { ID: 1, want: 'OMS-000001' },
    { ID: 42, want: 'OMS-000042' },
    { ID: 999999, want: 'OMS-999999' },
    { ID: 1234567, want: 'OMS-1234567' },
  ])('order number of $ID is $want', ({ ID, want }) => {
    expect(mapOrder({ ID }).target?.orderNumber).toBe(want)
  })

  it.each([
    { OrderStatus: 1, status: 'pending', keys: [] },
    { OrderStatus: 2, status: 'processing', keys: [] },
    { OrderStatus: 3, status: 'processing', keys: [] },
    { OrderStatus: 4, status: 'processing', keys: [] },
    { OrderStatus: 11, status: 'processing', keys: [] },
    { OrderStatus: 5, status: 'shipped', keys: [] },
    { OrderStatus: 6, status: 'shipped', keys: [] },
    { OrderStatus: 7, status: 'completed', keys: [] },
    { OrderStatus: 8, status: 'on_hold', keys: [] },
    { OrderStatus: 9, status: 'cancelled', keys: [] },
    { OrderStatus: 10, status: 'returned', keys: [] },
    { OrderStatus: 12, status: 'repair', keys: [] },
    { OrderStatus: 99, status: 'pending', keys: ['ORPHAN_REF@OrderStatus', 'UNKNOWN_STATUS@OrderStatus'] },
    { OrderStatus: 0, status: 'pending', keys: ['UNKNOWN_STATUS@OrderStatus'] },
  ])('OrderStatus $OrderStatus → $status', ({ OrderStatus, status, keys }) => {
    const got = mapOrder({ OrderStatus })
    expect(got.target?.status).toBe(status)
    expect(issueKeys(got.issues).sort()).toEqual(keys)
  })

  it('keeps the Statuses reference beside the normalised status', () => {
    expect(mapOrder({ OrderStatus: 99 }).target).toMatchObject({ statusId: null, legacyStatusId: 99, status: 'pending' })
    expect(mapOrder({ OrderStatus: 0 }).target).toMatchObject({ statusId: null, legacyStatusId: null, status: 'pending' })
    expect(mapOrder({ OrderStatus: 99 }).issues.find((i) => i.code === 'UNKNOWN_STATUS')?.message).toBe(
      'OrderStatus 99 is not a legacy status (1–12); status set to pending.',
    )
  })

  it.each([
    {
      name: 'both times set',
      row: { OrderTime: 1450000000, ChangeTime: 1460000000 },
      want: { createdAt: new Date('2015-12-13T09:46:40Z'), updatedAt: new Date('2016-04-07T03:33:20Z') },
      issues: [],
    },
    {
      name: 'OrderTime 0: created_at from ChangeTime',
      row: { OrderTime: 0, ChangeTime: 1457085600 },
      want: { createdAt: new Date('2016-03-04T10:00:00Z'), updatedAt: new Date('2016-03-04T10:00:00Z') },
      issues: [['ORDER_TIME_MISSING', 'OrderTime', 'OrderTime is 0; created_at taken from ChangeTime (2016-03-04 10:00:00 UTC).']],
    },
    {
      name: 'ChangeTime 0: updated_at from created_at',
      row: { OrderTime: 1457085600, ChangeTime: 0 },
      want: { createdAt: new Date('2016-03-04T10:00:00Z'), updatedAt: new Date('2016-03-04T10:00:00Z') },
      issues: [['ZERO_DATE', 'ChangeTime', 'ChangeTime is 0; updated_at taken from created_at (2016-03-04 10:00:00 UTC).']],
    },
    {
      name: 'both 0: import time',
      row: { OrderTime: 0, ChangeTime: 0 },
      want: { createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [
        ['ORDER_TIME_MISSING', 'OrderTime', 'OrderTime and ChangeTime are 0; created_at set to the import time (2025-06-01 12:00:00 UTC).'],
        ['ZERO_DATE', 'ChangeTime', 'ChangeTime is 0; updated_at taken from created_at (2025-06-01 12:00:00 UTC).'],
      ],
    },
    {
      name: 'the first second of UNIX time',
      row: { OrderTime: 1, ChangeTime: 2 },
      want: { createdAt: new Date('1970-01-01T00:00:01Z'), updatedAt: new Date('1970-01-01T00:00:02Z') },
      issues: [],
    },
  ])('times: $name', ({ row, want, issues }) => {
    const got = mapOrder(row)
    expect(got.target).toMatchObject(want)
    expect(got.issues.map((i) => [i.code, i.column, i.message])).toEqual(issues)
  })

  it.each([
    { name: 'deleted: at ChangeTime', row: { Deleted: 1 }, deletedAt: new Date('2016-04-07T03:33:20Z') },
    { name: 'deleted with ChangeTime 0: at the import time', row: { Deleted: 1, ChangeTime: 0 }, deletedAt: IMPORT_TIME },
    { name: 'live', row: { Deleted: 0 }, deletedAt: null },
  ])('$name', ({ row, deletedAt }) => {
    expect(mapOrder(row).target?.deletedAt).toEqual(deletedAt)
  })

  it.each([
    { name: 'references present', row: {}, want: { customerId: uuid('Customers', 1), legacyCustomerId: 1, supplierId: uuid('Factories', 1), legacyFactoryId: 1 }, keys: [] },
    { name: 'factory not yet assigned (0)', row: { FactoryID: 0 }, want: { supplierId: null, legacyFactoryId: null }, keys: [] },
    { name: 'zero customer', row: { CustomerID: 0 }, want: { customerId: null, legacyCustomerId: null }, keys: [] },
    { name: 'orphan customer', row: { CustomerID: 424242 }, want: { customerId: null, legacyCustomerId: 424242 }, keys: ['ORPHAN_REF@CustomerID'] },
    {
      name: 'orphan fitter, saddle, leather and factory',
      row: { FitterID: 999, SaddleID: 77, LeatherID: 9, FactoryID: 55 },
      want: { fitterId: null, legacyFitterId: 999, modelId: null, legacySaddleId: 77, leatherTypeId: null, legacyLeatherId: 9, supplierId: null, legacyFactoryId: 55 },
      keys: ['ORPHAN_REF@FitterID', 'ORPHAN_REF@SaddleID', 'ORPHAN_REF@LeatherID', 'ORPHAN_REF@FactoryID'],
    },
  ])('references: $name', ({ row, want, keys }) => {
    const got = mapOrder(row)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('names the planned legacy column in an orphan message', () => {
    expect(mapOrder({ SaddleID: 77 }).issues[0].message).toBe('SaddleID 77 points at no row of Saddles; model_id is left empty and legacy_saddle_id keeps 77.')
  })

  it.each([
    { name: 'JSON', OrderData: JSON_SPEC, spec: { seat: '17"', tree: 'Wide', extras: ['Kneeroll'], notes: 'Ship to "Stall 3"' }, legacy: null, keys: [] },
    {
      name: 'JSON with escapes and a surrogate pair',
      OrderData: '{"name":"M\\u00fcller \\ud83d\\ude00","path":"C:\\\\x","quote":"\\"q\\"","tab":"a\\tb"}',
      spec: { name: 'Müller 😀', path: 'C:\\x', quote: '"q"', tab: 'a\tb' },
      legacy: null,
      keys: [],
    },
    {
      name: 'PHP serialize() with multibyte strings, nested list, float and boolean',
      OrderData: PHP_SPEC,
      spec: { seat: '17.5"', tree: 'Médium', extras: ['Kniepausche', 'Ösen', 'Grüner Faden 😀'], qty: 1, price: 2450.5, rush: false },
      legacy: null,
      keys: [],
    },
    { name: 'PHP empty array', OrderData: 'a:0:{}', spec: [], legacy: null, keys: [] },
    { name: 'empty', OrderData: '', spec: null, legacy: null, keys: [] },
    { name: 'whitespace', OrderData: '  \n', spec: null, legacy: null, keys: [] },
    { name: 'NULL', OrderData: null, spec: null, legacy: null, keys: [] },
    {
      name: 'PHP with a character count instead of a byte count',
      OrderData: 'a:2:{s:4:"name";s:6:"Müller";s:4:"seat";s:2:"17";}',
      spec: null,
      legacy: 'a:2:{s:4:"name";s:6:"Müller";s:4:"seat";s:2:"17";}',
      keys: ['PHP_UNSERIALIZE_FAILED@OrderData'],
    },
    { name: 'truncated PHP', OrderData: PHP_SPEC.slice(0, 60), spec: null, legacy: PHP_SPEC.slice(0, 60), keys: ['PHP_UNSERIALIZE_FAILED@OrderData'] },
    { name: 'damaged JSON', OrderData: '{not json', spec: null, legacy: '{not json', keys: ['ORDER_DATA_UNPARSEABLE@OrderData'] },
    { name: 'free text', OrderData: 'seat 17, wide tree', spec: null, legacy: 'seat 17, wide tree', keys: ['ORDER_DATA_UNPARSEABLE@OrderData'] },
    { name: 'NUL inside a JSON value', OrderData: '{"a":"x\\u0000y"}', spec: { a: 'xy' }, legacy: null, keys: ['NUL_REMOVED@OrderData'] },
    { name: 'NUL inside a PHP string (counted in s:N)', OrderData: 'a:1:{s:1:"a";s:3:"x\0y";}', spec: { a: 'xy' }, legacy: null, keys: ['NUL_REMOVED@OrderData'] },
    { name: 'NUL in unparseable text', OrderData: 'free\0text', spec: null, legacy: 'freetext', keys: ['ORDER_DATA_UNPARSEABLE@OrderData', 'NUL_REMOVED@OrderData'] },
    { name: 'integer beyond 2^53 inside PHP', OrderData: 'a:1:{s:6:"serial";i:123456789012345678901;}', spec: { serial: '123456789012345678901' }, legacy: null, keys: ['ORDER_DATA_ADJUSTED@OrderData'] },
    { name: 'double-encoded JSON (stored unchanged)', OrderData: '{"name":"MÃ¼ller"}', spec: { name: 'MÃ¼ller' }, legacy: null, keys: ['MOJIBAKE_SUSPECTED@OrderData'] },
  ])('OrderData: $name', ({ OrderData, spec, legacy, keys }) => {
    const got = mapOrder({ OrderData })
    expect(got.target).toMatchObject({ saddleSpecifications: spec, legacyOrderData: legacy })
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('explains damaged OrderData', () => {
    const [issue] = mapOrder({ OrderData: 'a:2:{s:4:"name";s:6:"Müller";s:4:"seat";s:2:"17";}' }).issues
    expect(issue).toMatchObject({
      severity: 'warning',
      message:
        'OrderData is damaged PHP serialize() text: the string declared as 6 bytes does not end there (lengths count bytes; the text may have been re-encoded) (at byte 16); kept as text in legacy_order_data, saddle_specifications is left empty.',
      value: 'a:2:{s:4:"name";s:6:"Müller";s:4:"seat";s:2:"17";}',
    })
  })

  it('shows the changed part of double-encoded OrderData', () => {
    const OrderData = JSON.stringify({ seat: '17"', notes: 'x'.repeat(200), customer: 'Hans MÃ¼ller', tail: 'y'.repeat(200) })
    expect(mapOrder({ OrderData }).issues).toEqual([
      {
        severity: 'warning',
        code: 'MOJIBAKE_SUSPECTED',
        column: 'OrderData',
        message: `OrderData looks double-encoded: '…","customer":"Hans MÃ¼ller","tail":"yyyyyy…' probably reads '…","customer":"Hans Müller","tail":"yyyyyy…'; imported unchanged.`,
        value: OrderData.slice(0, 200) + '…',
      },
    ])
  })

  it('reads a 1 MB JSON OrderData', () => {
    const extras = Array.from({ length: 20_000 }, (_, i) => ({ item: `Extra ${i} – Kniepausche ü 😀`, qty: i % 5 }))
    const got = mapOrder({ OrderData: JSON.stringify({ label: '1mb', extras }) })
    expect(got.issues).toEqual([])
    expect((got.target?.saddleSpecifications as { extras: unknown[] }).extras).toHaveLength(20_000)
  })

  it.each([
    { name: 'sum and difference', row: { PriceSaddle: '2450.00', PriceOptions: '120.50', PriceShipping: '45.00', PriceDeposit: '500.00' }, want: { totalAmount: '2615.50', balanceOwing: '2115.50' } },
    { name: 'no float error (0.1 + 0.2)', row: { PriceSaddle: '0.10', PriceOptions: '0.20', PriceShipping: '0.00', PriceDeposit: '0.00' }, want: { totalAmount: '0.30', balanceOwing: '0.30' } },
    { name: 'negative options', row: { PriceSaddle: '99999999.99', PriceOptions: '-5.10', PriceShipping: '0.00', PriceDeposit: '99999999.99' }, want: { totalAmount: '99999994.89', balanceOwing: '-5.10' } },
    { name: 'the largest DECIMAL(10,2) three times', row: { PriceSaddle: '99999999.99', PriceOptions: '99999999.99', PriceShipping: '99999999.99', PriceDeposit: '0.00' }, want: { totalAmount: '299999999.97', balanceOwing: '299999999.97' } },
    { name: 'one cent', row: { PriceSaddle: '0.01', PriceOptions: '0.00', PriceShipping: '0.00', PriceDeposit: '0.00' }, want: { totalAmount: '0.01', balanceOwing: '0.01' } },
    { name: 'overpaid', row: { PriceSaddle: '100.00', PriceOptions: '0', PriceShipping: '0', PriceDeposit: '150.00' }, want: { priceOptions: '0.00', totalAmount: '100.00', depositPaid: '150.00', balanceOwing: '-50.00' } },
  ])('money: $name', ({ row, want }) => {
    const got = mapOrder(row)
    expect(got.target).toMatchObject(want)
    expect(got.issues).toEqual([])
  })

  it('rejects an order whose total exceeds numeric(12,2)', () => {
    const got = mapOrder({ PriceSaddle: '9999999999.99', PriceOptions: '0.01' })
    expect(got.target).toBeNull()
    expect(got.issues).toEqual([
      {
        severity: 'error',
        code: 'INVALID_VALUE',
        column: null,
        message: 'total_amount = PriceSaddle + PriceOptions + PriceShipping = 10000000045.00 is outside the range of numeric(12,2); the row cannot be imported.',
      },
    ])
  })

  it('rejects an order whose price is not a number', () => {
    const got = mapOrder({ PriceDeposit: 'n/a' })
    expect(got.target).toBeNull()
    expect(issueKeys(got.issues)).toEqual(['INVALID_VALUE@PriceDeposit'])
  })

  it.each([
    { Currency: 1, currency: 'USD', keys: [] },
    { Currency: 2, currency: 'EUR', keys: [] },
    { Currency: 3, currency: 'GBP', keys: [] },
    { Currency: 4, currency: 'AUD', keys: [] },
    { Currency: 5, currency: 'CAD', keys: [] },
    { Currency: 9, currency: null, keys: ['UNKNOWN_CURRENCY@Currency'] },
  ])('Currency $Currency → $currency', ({ Currency, currency, keys }) => {
    const got = mapOrder({ Currency })
    expect(got.target?.currency).toBe(currency)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { name: 'NUL in SpecialNotes', row: { SpecialNotes: "q' dq\" bs\\ nl\n nul\0 end\\" }, want: { specialInstructions: "q' dq\" bs\\ nl\n nul end\\" }, keys: ['NUL_REMOVED@SpecialNotes'] },
    { name: 'backslash-zero is not NUL', row: { SerialNumber: 'SN-\\0004' }, want: { serialNumber: 'SN-\\0004' }, keys: [] },
    { name: "the string 'NULL'", row: { SerialNumber: 'NULL' }, want: { serialNumber: 'NULL' }, keys: [] },
    { name: 'a lone newline', row: { SpecialNotes: '\n' }, want: { specialInstructions: '\n' }, keys: [] },
    { name: 'NULL notes', row: { SpecialNotes: null, SerialNumber: null }, want: { specialInstructions: null, serialNumber: null }, keys: [] },
    { name: 'not urgent', row: { IsUrgent: 0 }, want: { isUrgent: false }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapOrder(row)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
