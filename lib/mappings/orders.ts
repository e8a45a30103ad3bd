// Orders → orders, by the contract's `orders` paragraph. Reference pairs keep the migration plan's
// legacy names (legacy_saddle_id with model_id, legacy_leather_id with leather_type_id,
// legacy_factory_id with supplier_id, legacy_status_id with status_id).
//
// Times: created_at from OrderTime; when 0, from ChangeTime (ORDER_TIME_MISSING); when both are 0,
// the import time (ORDER_TIME_MISSING). updated_at from ChangeTime; when 0, created_at (ZERO_DATE).
// deleted_at: ChangeTime, the order's own last change; the import time when ChangeTime is 0.
// Money: exact cents; total_amount = saddle + options + shipping, balance_owing = total − deposit;
// a computed amount beyond numeric(12,2) cannot be stored and rejects the row.
// OrderData: JSON (since 2015) or PHP serialize() (before) → saddle_specifications; empty → NULL;
// anything else stays text in legacy_order_data, with a warning.

import { z } from 'zod'
import { currencyCode } from '@/lib/convert/currency-code'
import { quoteValue } from '@/lib/convert/describe-value'
import { formatMoney, moneyInRange } from '@/lib/convert/money'
import { looksLikeMojibake, suggestMojibakeRepair } from '@/lib/convert/mojibake'
import { parseOrderData } from '@/lib/convert/order-data'
import { orderNumber } from '@/lib/convert/order-number'
import { ORDER_STATUS_FALLBACK, orderStatus } from '@/lib/convert/order-status'
import { countNul, removeNul } from '@/lib/convert/remove-nul'
import { formatUtc } from '@/lib/convert/unix-time'
import type { JsonValue } from '@/lib/convert/json-value'
import { type RowContext, defineMapping, mojibakeMessage } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyMoney, legacyRawText, legacyRef, legacyText, unixSeconds } from './columns'

function saddleSpecifications(ctx: RowContext, orderData: string | null): { saddleSpecifications: JsonValue; legacyOrderData: string | null } {
  if (orderData !== null && looksLikeMojibake(orderData)) {
    const repair = suggestMojibakeRepair(orderData)
    if (repair !== null) {
      // no `repair` field here: OrderData may be a megabyte; the message shows the changed part
      ctx.warn('MOJIBAKE_SUSPECTED', 'OrderData', mojibakeMessage('OrderData', orderData, repair), orderData)
    }
  }
  const parsed = parseOrderData(orderData)
  switch (parsed.kind) {
    case 'empty':
      return { saddleSpecifications: null, legacyOrderData: null }
    case 'parsed':
      if (parsed.nulRemoved > 0) {
        ctx.warn('NUL_REMOVED', 'OrderData', `OrderData held ${parsed.nulRemoved} NUL character(s) inside its ${parsed.format === 'json' ? 'JSON' : 'PHP'} values, which jsonb cannot hold; removed.`, orderData)
      }
      for (const note of parsed.notes) {
        ctx.warn('ORDER_DATA_ADJUSTED', 'OrderData', `OrderData: ${note}.`, orderData)
      }
      return { saddleSpecifications: parsed.value, legacyOrderData: null }
    case 'unparseable': {
      const text = orderData ?? ''
      const kept = removeNul(text)
      ctx.warn(
        parsed.format === 'php' ? 'PHP_UNSERIALIZE_FAILED' : 'ORDER_DATA_UNPARSEABLE',
        'OrderData',
        `OrderData ${parsed.reason}; kept as text in legacy_order_data, saddle_specifications is left empty.`,
        text,
      )
      if (kept !== text) {
        ctx.warn('NUL_REMOVED', 'OrderData', `OrderData contained ${countNul(text)} NUL character(s), which PostgreSQL text cannot hold; removed from legacy_order_data.`, text)
      }
      return { saddleSpecifications: null, legacyOrderData: kept }
    }
  }
}

export const orders = defineMapping({
  legacyTable: 'Orders',
  targetTable: 'orders',
  targetModel: 'Order',
  dependsOn: ['Customers', 'Fitters', 'Saddles', 'LeatherTypes', 'Factories', 'Statuses'],
  // OrderData is unserialized from PHP, cleaned and written as JSON: measured at 6–7 times the
  // CPU time of an OrdersInfo or Log row (42 µs against 6.5 µs of Node.js time per row).
  validationCost: 6,
  row: z.object({
    ID: legacyId,
    CustomerID: legacyRef,
    FitterID: legacyRef,
    SaddleID: legacyRef,
    LeatherID: legacyRef,
    FactoryID: legacyRef, // 0 = not yet assigned
    OrderStatus: legacyRef, // Statuses.ID, and the source of `status`
    OrderTime: unixSeconds(),
    ChangeTime: unixSeconds(),
    OrderData: legacyRawText(),
    SpecialNotes: legacyText(),
    SerialNumber: legacyText(),
    Currency: legacyInt({ default: 1 }),
    PriceSaddle: legacyMoney({ default: '0.00' }),
    PriceOptions: legacyMoney({ default: '0.00' }),
    PriceShipping: legacyMoney({ default: '0.00' }),
    PriceDeposit: legacyMoney({ default: '0.00' }),
    IsUrgent: legacyFlag({ default: 0 }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => {
    let createdAt = r.OrderTime
    if (createdAt === null) {
      if (r.ChangeTime !== null) {
        createdAt = r.ChangeTime
        ctx.warn('ORDER_TIME_MISSING', 'OrderTime', `OrderTime is 0; created_at taken from ChangeTime (${formatUtc(createdAt)}).`, 0)
      } else {
        createdAt = ctx.importTime
        ctx.warn('ORDER_TIME_MISSING', 'OrderTime', `OrderTime and ChangeTime are 0; created_at set to the import time (${formatUtc(createdAt)}).`, 0)
      }
    }
    let updatedAt = r.ChangeTime
    if (updatedAt === null) {
      updatedAt = createdAt
      ctx.warn('ZERO_DATE', 'ChangeTime', `ChangeTime is 0; updated_at taken from created_at (${formatUtc(updatedAt)}).`, 0)
    }

    let status = r.OrderStatus === null ? null : orderStatus(r.OrderStatus)
    if (status === null) {
      status = ORDER_STATUS_FALLBACK
      ctx.warn('UNKNOWN_STATUS', 'OrderStatus', `OrderStatus ${quoteValue(r.OrderStatus)} is not a legacy status (1–12); status set to ${ORDER_STATUS_FALLBACK}.`, r.OrderStatus)
    }

    const currency = currencyCode(r.Currency)
    if (currency === null) {
      ctx.warn('UNKNOWN_CURRENCY', 'Currency', `Currency ${r.Currency} is not a legacy currency code (1 USD, 2 EUR, 3 GBP, 4 AUD, 5 CAD); currency is left empty.`, r.Currency)
    }

    const totalCents = r.PriceSaddle.cents + r.PriceOptions.cents + r.PriceShipping.cents
    const balanceCents = totalCents - r.PriceDeposit.cents
    if (!moneyInRange(totalCents)) {
      ctx.error('INVALID_VALUE', null, `total_amount = PriceSaddle + PriceOptions + PriceShipping = ${formatMoney(totalCents)} is outside the range of numeric(12,2); the row cannot be imported.`)
    } else if (!moneyInRange(balanceCents)) {
      ctx.error('INVALID_VALUE', null, `balance_owing = total_amount − PriceDeposit = ${formatMoney(balanceCents)} is outside the range of numeric(12,2); the row cannot be imported.`)
    }

    return {
      id: ctx.uuidFor('Orders', r.ID),
      legacyId: r.ID,
      orderNumber: orderNumber(r.ID),
      ...ctx.ref('customerId', 'CustomerID', 'Customers', r.CustomerID),
      ...ctx.ref('fitterId', 'FitterID', 'Fitters', r.FitterID),
      ...ctx.ref('modelId', 'SaddleID', 'Saddles', r.SaddleID, 'legacySaddleId'),
      ...ctx.ref('leatherTypeId', 'LeatherID', 'LeatherTypes', r.LeatherID, 'legacyLeatherId'),
      ...ctx.ref('supplierId', 'FactoryID', 'Factories', r.FactoryID, 'legacyFactoryId'),
      ...ctx.ref('statusId', 'OrderStatus', 'Statuses', r.OrderStatus, 'legacyStatusId'),
      status,
      ...saddleSpecifications(ctx, r.OrderData),
      specialInstructions: r.SpecialNotes,
      serialNumber: r.SerialNumber,
      currency,
      priceSaddle: ctx.money('PriceSaddle', r.PriceSaddle),
      priceOptions: ctx.money('PriceOptions', r.PriceOptions),
      priceShipping: ctx.money('PriceShipping', r.PriceShipping),
      totalAmount: formatMoney(totalCents),
      depositPaid: ctx.money('PriceDeposit', r.PriceDeposit),
      balanceOwing: formatMoney(balanceCents),
      isUrgent: ctx.flag('IsUrgent', r.IsUrgent),
      deletedAt: ctx.deletedAt(r.Deleted, r.ChangeTime),
      createdAt,
      updatedAt,
    }
  },
})
