// Word lists and small text makers for the synthetic dump: names with multibyte letters and
// apostrophes, addresses with newlines, notes with quotes and backslashes, passwords, IPs — the
// variety of the legacy data, drawn from a seeded Rng.

import type { Rng } from './prng'

export const FIRST = ['Anna', 'Emma', 'Sophie', 'Laura', 'Jürgen', 'Søren', 'José', 'Zoë', 'Chloé', 'Łukasz', 'Siobhán', 'Björn', 'Inès', 'Mary', 'James', 'John', 'Sarah', 'Kate', 'Lucy', 'Oliver', 'Jack', 'Mia', 'Lena', 'Hannah', 'François', 'Noël', 'Renée', 'Eóin', 'Ayşe', 'Hiroshi', 'Charlotte', 'Olivia', 'Amelia', 'Grace', 'Ella', 'Thomas', 'William', 'Emily', 'Jessica', 'Rebecca', 'Katharina', 'Jörg', 'Ülkü', 'Małgorzata', 'Åsa', 'Þóra', 'Darío', 'Marta', 'Lars', 'Sven']
export const LAST = ['Smith', 'Jones', 'Williams', 'Brown', 'Müller', 'Schmidt', 'Schäfer', "O'Brien", "O'Connor", 'MacDonald', 'García', 'Núñez', 'Dubois', 'Lefèvre', 'Kowalski', 'Nowak', 'Jensen', 'Hansen', 'Andersson', 'van der Berg', 'De Vries', 'Rossi', 'Bianchi', 'Ó Súilleabháin', "D'Arcy", 'Smith-Jones', 'Taylor', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Johnson', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Turner', 'Hill', 'Scott', 'Cooper', 'Morris', 'Ward', 'Moore', 'King', 'Watson', 'Baker', 'Morgan', 'Patel', 'Young', 'Allen', 'Mitchell', 'Anderson', 'Phillips', 'Lee', 'Bell', 'Parker', 'Davis', 'Größer', 'Żak']
export const HORSES = ['Blitz', 'Star', 'Duke', 'Bella', 'Max', 'Shadow', 'Gypsy', 'Dancer', 'Storm', 'Apollo', 'Lady', 'Amigo', 'Élan', 'Fürst Heinrich', 'Sir Galahad', "Don't Stop Me Now", 'Monty', 'Rocky', 'Ziggy', 'Charlie 🐴', 'Bonnie', 'Caspar', 'Donnerhall', 'Totilas', 'Valegro', 'Pumpkin', 'Bailey', 'Ñandú', 'Schöne Liesl', '"Big" Ben']
export const STREETS = ['Main St', 'High Street', 'Church Lane', 'Hauptstraße', 'Bahnhofstraße', 'Rue de la Paix', 'Mill Road', 'Station Road', 'Farm Lane', 'Old Barn Rd', 'Kastanienallee', 'Paddock Way', 'Bridle Path', "King's Road", 'Calle Mayor']
export interface Country {
  name: string
  currency: number
  region: 'US' | 'EU' | 'UK' | 'AU'
  weight: number
  cities: [string, string | null][]
}
export const COUNTRIES: Country[] = [
  { name: 'USA', currency: 1, region: 'US', weight: 40, cities: [['Lexington', 'KY'], ['Wellington', 'FL'], ['Ocala', 'FL'], ['Middleburg', 'VA'], ['Santa Ynez', 'CA'], ['Aiken', 'SC']] },
  { name: 'Germany', currency: 2, region: 'EU', weight: 15, cities: [['München', 'BY'], ['Warendorf', 'NW'], ['Köln', 'NW'], ['Verden', 'NI'], ['Lüneburg', 'NI']] },
  { name: 'United Kingdom', currency: 3, region: 'UK', weight: 15, cities: [['Walsall', null], ['Newmarket', null], ['Lambourn', null], ['Edinburgh', null]] },
  { name: 'Australia', currency: 4, region: 'AU', weight: 8, cities: [['Sydney', 'NSW'], ['Melbourne', 'VIC'], ['Perth', 'WA']] },
  { name: 'Canada', currency: 5, region: 'US', weight: 7, cities: [['Toronto', 'ON'], ['Calgary', 'AB'], ['Québec', 'QC']] },
  { name: 'France', currency: 2, region: 'EU', weight: 5, cities: [['Saumur', null], ['Chantilly', null], ['Lyon', null]] },
  { name: 'Netherlands', currency: 2, region: 'EU', weight: 4, cities: [['Ermelo', null], ['’s-Hertogenbosch', null]] },
  { name: 'Ireland', currency: 2, region: 'UK', weight: 3, cities: [['Kildare', null], ['Cork', null]] },
  { name: 'New Zealand', currency: 4, region: 'AU', weight: 3, cities: [['Auckland', null], ['Cambridge', null]] },
]
export const COUNTRY_WEIGHT = COUNTRIES.reduce((s, c) => s + c.weight, 0)
export const BRANDS = ['Custom', 'Icon', 'Wolfgang', 'Bliss of London', 'Mystique', 'Légende']
export const FACTORY_NAMES: [string, 'US' | 'EU' | 'UK' | 'AU'][] = [
  ['Custom Saddlery Lexington', 'US'],
  ['Sattlerei Müller GmbH', 'EU'],
  ['Walsall "Master" Saddlers Ltd', 'UK'],
  ['Aussie Saddle Co. Pty', 'AU'],
  ['Fábrica Leão Ltda', 'US'],
  ['Lederwerk Nürnberg', 'EU'],
  ['Cheshire Leatherworks', 'UK'],
  ['Sellerie Française', 'EU'],
  ['Outback Tack', 'AU'],
  ['Kentucky Tree & Panel', 'US'],
]
export const LEATHERS = ['Calf', 'Buffalo', 'Grain', 'Oiled Calf', 'Pull-up', 'Französisch Kalb', 'Vachette', 'Suede "grip"', 'Cowhide', 'Smooth Calf', 'Nubuck', 'Two-tone', 'Croco print', 'Kangaroo', 'Vegan']
export const OPTION_NAMES: [string, number][] = [
  ['Seat size', 0],
  ['Tree width', 0],
  ['Flap', 0],
  ['Knee roll', 0],
  ['Extras', 1],
  ['Panel', 0],
  ['Gusset', 0],
  ['Stirrup bar', 0],
  ['Engraving', 2],
  ['Colour', 0],
  ['Piping', 0],
  ['Billets', 0],
  ['Notes for factory', 2],
  ['Add-ons', 1],
  ['Thigh block', 0],
]
export const ITEM_NAMES: Record<number, string[]> = {
  0: ['16"', '16.5"', '17"', '17.5"', '18"', 'Narrow', 'Medium', 'Medium-Wide', 'Wide', 'Extra Wide', 'Forward +2cm', 'Standard', 'Short', 'Long', 'Black', 'Havana', 'Brown', 'Größe M', 'Größe L', 'Petite'],
  1: ['Kneeroll – large', 'Crupper ring', 'Ösen', 'Extra D-rings', 'Point strap', 'Swinging billets', 'Sheepskin panel 🐑', 'Name plate', 'Crystal piping ✨', 'Breastplate dee'],
  2: ['Free text', 'Initials', 'Custom text', 'Gravur'],
}
export const SADDLE_WORDS = ['Flight', 'Hannah', 'Jump', 'Dressage', 'Elite', 'Pro', 'Star', 'Monoflap', 'Event', 'Compact', 'Équilibre', 'Grand Prix', 'Hunter', 'Endurance', 'Trail', 'Bliss', 'Freedom', 'Dream', 'Victory', 'Zenith']
export const NOTES = [
  'Rush please',
  'Customer wants the "old" flap',
  "Rider's left leg shorter – adjust blocks",
  'Ship to barn, not home address',
  'Engrave: J.R. ♥',
  'See photos in email from 03/04\nPanels to be re-flocked',
  'Use tree #3\\spare from stock',
  'Call before delivery:\t+1 555 0100',
  'Kunde möchte Lieferung nach Ostern',
  'Pferd hat hohen Widerrist; Kammer weiter',
  'Payment by cheque; hold until cleared',
  'Repair: broken tree – check warranty',
  'Bitte "Sonderanfertigung" vermerken',
  "Don't ship before 1st",
  'Colour: havana / piping: black 🖤',
]
export const LOG_ACTIONS = ['login', 'logout', 'order.create', 'order.status', 'order.view', 'order.pdf', 'email.sent', 'customer.update', 'password.reset', 'search']
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'

export function hexString(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += HEX[rng.next() & 15]
  return out
}

export function bcrypt(rng: Rng): string {
  let out = `$2y$${rng.chance(0.8) ? '10' : '12'}$`
  for (let i = 0; i < 53; i++) out += BCRYPT_ALPHABET[rng.next() % 64]
  return out
}

/** Mojibake as the legacy system produced it: UTF-8 bytes read as Latin-1 and stored again. */
export function doubleEncode(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1')
}

/** PHP's json_encode() defaults: non-ASCII as \uXXXX, slashes escaped. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).replaceAll('/', '\\/')
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

function ipv4(rng: Rng): string {
  return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
}

export function ip(rng: Rng): string | null {
  const r = rng.float()
  if (r < 0.04) return null
  if (r < 0.05) return ''
  if (r < 0.15) return `2001:db8:${rng.int(0, 65535).toString(16)}::${rng.int(1, 65535).toString(16)}`
  return ipv4(rng)
}
