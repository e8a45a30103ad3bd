// fitters.region, derived from the free-text Fitters.Country. The regions are the factory regions of
// the legacy app (Saddles.FactoryUS/EU/UK/AU, Factories.Region) plus CA, which the currency list
// (CAD) shows as a market of its own. EU means "served from Europe": the EU members plus Norway,
// Switzerland, Iceland and Liechtenstein. Countries outside this table → null (the mapping warns
// UNKNOWN_REGION unless the country is empty). Keep the table small and explicit; extend it when
// the preview shows a country that deserves a region.

export type Region = 'US' | 'EU' | 'UK' | 'AU' | 'CA'

const NAMES: Record<Region, string[]> = {
  US: ['us', 'usa', 'u s', 'u s a', 'united states', 'united states of america', 'america'],
  UK: ['uk', 'u k', 'gb', 'gbr', 'united kingdom', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland'],
  AU: ['au', 'aus', 'australia'],
  CA: ['ca', 'can', 'canada'],
  EU: [
    'eu', 'europe', 'european union',
    'at', 'aut', 'austria', 'osterreich',
    'be', 'bel', 'belgium', 'belgie', 'belgique',
    'bg', 'bgr', 'bulgaria',
    'hr', 'hrv', 'croatia', 'hrvatska',
    'cy', 'cyp', 'cyprus',
    'cz', 'cze', 'czech republic', 'czechia',
    'dk', 'dnk', 'denmark', 'danmark',
    'ee', 'est', 'estonia',
    'fi', 'fin', 'finland', 'suomi',
    'fr', 'fra', 'france',
    'de', 'deu', 'ger', 'germany', 'deutschland',
    'gr', 'grc', 'greece',
    'hu', 'hun', 'hungary',
    'ie', 'irl', 'ireland', 'eire', 'republic of ireland',
    'it', 'ita', 'italy', 'italia',
    'lv', 'lva', 'latvia',
    'lt', 'ltu', 'lithuania',
    'lu', 'lux', 'luxembourg',
    'mt', 'mlt', 'malta',
    'nl', 'nld', 'netherlands', 'the netherlands', 'holland', 'nederland',
    'pl', 'pol', 'poland', 'polska',
    'pt', 'prt', 'portugal',
    'ro', 'rou', 'romania',
    'sk', 'svk', 'slovakia',
    'si', 'svn', 'slovenia',
    'es', 'esp', 'spain', 'espana',
    'se', 'swe', 'sweden', 'sverige',
    'no', 'nor', 'norway', 'norge',
    'ch', 'che', 'switzerland', 'schweiz', 'suisse', 'svizzera',
    'is', 'isl', 'iceland',
    'li', 'lie', 'liechtenstein',
  ],
}

const BY_NAME = new Map<string, Region>()
for (const [region, names] of Object.entries(NAMES) as [Region, string[]][]) {
  for (const name of names) BY_NAME.set(name, region)
}

function normalize(country: string): string {
  return country
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** 'Germany', 'DE', 'Österreich', 'U.S.A.' → the region; empty or unknown → null. */
export function regionFromCountry(country: string | null): Region | null {
  if (country === null) return null
  return BY_NAME.get(normalize(country)) ?? null
}
