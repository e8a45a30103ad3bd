// Fitters.Currency / Orders.Currency: the legacy app's numeric currency codes → ISO 4217.
// An unknown code becomes NULL (the mapping warns UNKNOWN_CURRENCY): guessing USD (the legacy
// DEFAULT) would misstate amounts that were entered in another currency.

export const CURRENCY_CODES = { 1: 'USD', 2: 'EUR', 3: 'GBP', 4: 'AUD', 5: 'CAD' } as const

export type CurrencyCode = (typeof CURRENCY_CODES)[keyof typeof CURRENCY_CODES]

/** 1 USD, 2 EUR, 3 GBP, 4 AUD, 5 CAD; anything else → null. */
export function currencyCode(legacyCurrency: number): CurrencyCode | null {
  switch (legacyCurrency) {
    case 1: return 'USD'
    case 2: return 'EUR'
    case 3: return 'GBP'
    case 4: return 'AUD'
    case 5: return 'CAD'
    default: return null
  }
}
