// orders.order_number: 'OMS-' + the legacy ID zero-padded to 6 digits; longer ids are not cut.

export function orderNumber(legacyId: number): string {
  return 'OMS-' + String(legacyId).padStart(6, '0')
}
