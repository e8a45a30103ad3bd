// Orders.OrderStatus (Statuses.ID) → the new order status enum. The legacy statuses:
// 1 Order placed, 2 Approved, 3 Sent to factory, 4 In production, 5 Shipped from factory,
// 6 Received, 7 Delivered to customer, 8 On hold, 9 Cancelled, 10 Returned, 11 In progress, 12 Repair.
// Anything else becomes 'pending' and the mapping warns UNKNOWN_STATUS.

export type OrderStatus =
  | 'pending'
  | 'processing'
  | 'shipped'
  | 'completed'
  | 'on_hold'
  | 'cancelled'
  | 'returned'
  | 'repair'

export const ORDER_STATUS_FALLBACK: OrderStatus = 'pending'

/** The status for a legacy OrderStatus, or null when the number is not one the legacy app used. */
export function orderStatus(legacyStatus: number): OrderStatus | null {
  switch (legacyStatus) {
    case 1: return 'pending'
    case 2: case 3: case 4: case 11: return 'processing'
    case 5: case 6: return 'shipped'
    case 7: return 'completed'
    case 8: return 'on_hold'
    case 9: return 'cancelled'
    case 10: return 'returned'
    case 12: return 'repair'
    default: return null
  }
}
