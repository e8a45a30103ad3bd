// Fitters → fitters. currency: ISO code from the legacy number; region: from the free-text country;
// specializations and certifications are new and start empty.

import { z } from 'zod'
import { currencyCode } from '@/lib/convert/currency-code'
import { quoteValue } from '@/lib/convert/describe-value'
import { regionFromCountry } from '@/lib/convert/region-from-country'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyRef, legacyText } from './columns'

export const fitters = defineMapping({
  legacyTable: 'Fitters',
  targetTable: 'fitters',
  targetModel: 'Fitter',
  dependsOn: ['Credentials'],
  row: z.object({
    ID: legacyId,
    UserID: legacyRef,
    Name: legacyText({ default: '' }),
    Address: legacyText(),
    City: legacyText(),
    State: legacyText(),
    Zipcode: legacyText(),
    Country: legacyText(),
    Phone: legacyText(),
    Cellphone: legacyText(),
    Email: legacyText(),
    Currency: legacyInt({ default: 1 }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => {
    const currency = currencyCode(r.Currency)
    if (currency === null) {
      ctx.warn('UNKNOWN_CURRENCY', 'Currency', `Currency ${r.Currency} is not a legacy currency code (1 USD, 2 EUR, 3 GBP, 4 AUD, 5 CAD); currency is left empty.`, r.Currency)
    }
    const region = regionFromCountry(r.Country)
    if (region === null && r.Country !== null && r.Country.trim() !== '') {
      ctx.warn('UNKNOWN_REGION', 'Country', `Country ${quoteValue(r.Country)} is not in the region table (US, EU, UK, AU, CA); region is left empty.`, r.Country)
    }
    return {
      id: ctx.uuidFor('Fitters', r.ID),
      legacyId: r.ID,
      ...ctx.ref('userId', 'UserID', 'Credentials', r.UserID),
      name: r.Name,
      address: r.Address,
      city: r.City,
      state: r.State,
      zipcode: r.Zipcode,
      country: r.Country,
      phone: r.Phone,
      cellphone: r.Cellphone,
      email: r.Email,
      currency,
      region,
      specializations: [],
      certifications: [],
      deletedAt: ctx.deletedAt(r.Deleted),
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
