// A synthetic production dump: the 21 legacy tables filled like the real system (2012 → 2026,
// tens of thousands of customers, ~100k orders at 355 MB), written in exactly the text
// mariadb-dump 10.11 produces (see dump-format.ts), deterministic for a seed and a size.
//
// Shape: most bytes are in DBlog.Query (the SQL the PHP application logged, including whole
// OrderData texts escaped once by PHP and again by the dump), Log.Details and Orders.OrderData
// (PHP serialize() before 2015, JSON from json_encode() after, a few empty, NULL or damaged).
// References are mostly consistent, with a small share of orphans and zeros, counted exactly in
// the manifest together with money sums, so staging, import and reconciliation can be checked.
//
// Every entity draws from its own PRNG stream (seed, table, id): any table can recompute another
// table's row (an order's customer, a customer's fitter) without holding anything in memory.

import { datetimeText, DEFAULT_NET_BUFFER_LENGTH, dumpFooter, dumpHeader, ExtendedInsertWriter, sqlCents, sqlNullableString, sqlString, tableDataEnd, tableDataStart, tableStructure } from './dump-format'
import { LEGACY_TABLES, showCreateTable, type LegacyTable } from './legacy-schema'
import { phpSerialize, type PhpValue } from './php-serialize'
import { hashString, mix, Rng } from './prng'
import {
  FIRST,
  LAST,
  HORSES,
  STREETS,
  COUNTRIES,
  COUNTRY_WEIGHT,
  BRANDS,
  FACTORY_NAMES,
  LEATHERS,
  OPTION_NAMES,
  ITEM_NAMES,
  SADDLE_WORDS,
  NOTES,
  LOG_ACTIONS,
  hexString,
  bcrypt,
  doubleEncode,
  phpJsonEncode,
  asciiSlug,
  ip,
  type Country,
} from './synthetic-text'

export interface GenerateDumpOptions {
  /** about how many bytes of dump text to write */
  targetBytes: number
  seed?: number
  /** mariadb-dump's --net-buffer-length (INSERT statement size); default 1 046 528 */
  netBufferLength?: number
  database?: string
}

export interface ReferenceCheck {
  target: LegacyTable
  /** rows whose reference is 0 ("none") */
  zero: number
  /** rows whose non-zero reference points at no row */
  orphan: number
}

export interface DumpManifest {
  format: 'ordermys-synthetic-dump/1'
  seed: number
  targetBytes: number
  /** bytes of dump text written (uncompressed) */
  bytes: number
  netBufferLength: number
  database: string
  dumpCompletedAt: string
  dataFrom: string
  dataTo: string
  /** dump order (alphabetical), every legacy table */
  tables: Record<string, { rows: number; insertStatements: number; maxId: number; bytes: number }>
  /** per reference column `Table.Column` */
  references: Record<string, ReferenceCheck>
  /** rows with Deleted = 1, per table that has the column */
  deleted: Record<string, number>
  orders: {
    byCurrency: Record<string, { orders: number; priceSaddle: string; priceOptions: string; priceShipping: string; priceDeposit: string; total: string }>
    byStatus: Record<string, number>
    /** OrderStatus not in Statuses (1–12) */
    unknownStatus: number
    orderTimeZero: number
    changeTimeZero: number
    /** first and last non-zero OrderTime, ISO */
    orderTimeFrom: string
    orderTimeTo: string
    orderData: { json: number; php: number; empty: number; null: number; damagedJson: number; damagedPhp: number }
    /** OrderData longer than 64 KB */
    orderDataOver64k: number
    urgent: number
  }
  orderLines: { quantity: number; priceSum: string; freeText: number }
  credentials: { md5: number; bcrypt: number; empty: number }
  log: { zeroDates: number }
  /** double-encoded UTF-8 (`MÃ¼ller`) per `Table.Column` */
  mojibake: Record<string, number>
  /** NFD (combining characters) names per `Table.Column` */
  combining: Record<string, number>
}

// ---------------------------------------------------------------------------------------------
// Time frame

const DATA_FROM = Date.UTC(2012, 0, 2) / 1000
const DATA_TO = Date.UTC(2026, 2, 31, 23, 59, 59) / 1000
const JSON_SINCE = Date.UTC(2015, 0, 1) / 1000
const BCRYPT_SINCE = Date.UTC(2016, 0, 1) / 1000
const CONFIRM_SINCE = Date.UTC(2016, 5, 1) / 1000
const DUMP_COMPLETED_AT = new Date(Date.UTC(2026, 3, 1, 2, 17, 43))
const DAY = 86_400

/** Order volume grows linearly over the years: cumulative share u of orders → time. */
function timeAtShare(u: number): number {
  const x = (-1 + Math.sqrt(1 + 8 * u)) / 2
  return Math.floor(DATA_FROM + (DATA_TO - DATA_FROM) * x)
}

// ---------------------------------------------------------------------------------------------
// The plan: how many rows

export interface Plan {
  orders: number
  customers: number
  fitters: number
  factoryEmployees: number
  /** Credentials 1..staff are office staff; then one login per fitter, then per factory employee, then strays */
  staff: number
  credentials: number
  factories: number
  brands: number
  saddles: number
  leatherTypes: number
  options: number
  optionsItems: number
  presets: number
}

/** Rows for a given number of orders; catalogs grow with the square root of the business. */
export function planFor(orders: number): Plan {
  const q = Math.min(3, Math.sqrt(orders / 110_000))
  const fitters = Math.max(5, Math.round(1400 * q))
  const factoryEmployees = Math.max(3, Math.round(160 * q))
  const staff = 12
  return {
    orders,
    customers: Math.round(orders * 0.36) + 10,
    fitters,
    factoryEmployees,
    staff,
    credentials: staff + fitters + factoryEmployees + Math.max(2, Math.round(40 * q)),
    factories: Math.min(FACTORY_NAMES.length, Math.max(4, Math.round(9 * q))),
    brands: Math.min(BRANDS.length, Math.max(3, Math.round(6 * q))),
    saddles: Math.max(4, Math.round(320 * q)),
    leatherTypes: Math.min(LEATHERS.length, Math.max(3, Math.round(14 * q))),
    options: Math.min(OPTION_NAMES.length, Math.max(5, Math.round(15 * q))),
    optionsItems: Math.max(10, Math.round(700 * q)),
    presets: Math.max(3, Math.round(600 * q)),
  }
}

// ---------------------------------------------------------------------------------------------
// The generation context: plan, per-entity streams, and the statistics for the manifest

type Tag = LegacyTable | 'lines' | 'orderData'

class Context {
  readonly seed: number
  readonly plan: Plan
  readonly tagSeeds = new Map<string, number>()
  readonly refs: Record<string, ReferenceCheck> = {}
  readonly deleted: Record<string, number> = {}
  readonly mojibake: Record<string, number> = {}
  readonly combining: Record<string, number> = {}
  readonly orders = {
    byCurrency: {} as Record<string, { orders: number; saddle: number; options: number; shipping: number; deposit: number }>,
    byStatus: {} as Record<string, number>,
    unknownStatus: 0,
    orderTimeZero: 0,
    changeTimeZero: 0,
    orderTimeMin: Infinity,
    orderTimeMax: -Infinity,
    orderData: { json: 0, php: 0, empty: 0, null: 0, damagedJson: 0, damagedPhp: 0 },
    orderDataOver64k: 0,
    urgent: 0,
  }
  readonly orderLines = { quantity: 0, priceCents: 0, freeText: 0 }
  readonly credentials = { md5: 0, bcrypt: 0, empty: 0 }
  readonly log = { zeroDates: 0 }
  private readonly counts: Record<LegacyTable, number>

  constructor(seed: number, plan: Plan) {
    this.seed = seed
    this.plan = plan
    this.counts = {
      UserTypes: 5,
      Statuses: 12,
      Credentials: plan.credentials,
      Brands: plan.brands,
      Factories: plan.factories,
      FactoryEmployees: plan.factoryEmployees,
      Fitters: plan.fitters,
      Customers: plan.customers,
      Saddles: plan.saddles,
      LeatherTypes: plan.leatherTypes,
      SaddleLeathers: 0,
      Options: plan.options,
      OptionsItems: plan.optionsItems,
      SaddleOptionsItems: 0,
      Presets: plan.presets,
      PresetsItems: 0,
      Orders: plan.orders,
      OrdersInfo: 0,
      ClientConfirmation: 0,
      DBlog: 0,
      Log: 0,
    }
  }

  rng(tag: Tag, id: number, sub = 0): Rng {
    let t = this.tagSeeds.get(tag)
    if (t === undefined) {
      t = hashString(tag)
      this.tagSeeds.set(tag, t)
    }
    return new Rng(this.seed, t, id, sub)
  }

  /** Customers deleted for good (about 1%): their ids are gaps, references to them orphans. */
  customerMissing(id: number): boolean {
    return mix(this.seed, 0x6a9, id) % 100 === 0
  }

  exists(table: LegacyTable, id: number): boolean {
    if (id < 1 || id > this.counts[table]) return false
    return table !== 'Customers' || !this.customerMissing(id)
  }

  ref(column: string, target: LegacyTable, value: number): number {
    let check = this.refs[column]
    if (check === undefined) {
      check = { target, zero: 0, orphan: 0 }
      this.refs[column] = check
    }
    if (value === 0) check.zero++
    else if (!this.exists(target, value)) check.orphan++
    return value
  }

  /** A reference drawn like production: mostly valid, sometimes 0, sometimes pointing nowhere. */
  drawRef(rng: Rng, target: LegacyTable, pZero: number, pOrphan: number, skew = 1): number {
    const r = rng.float()
    if (r < pZero) return 0
    const count = this.counts[target]
    if (r < pZero + pOrphan) return count + rng.int(1, 5000)
    return 1 + Math.floor(Math.pow(rng.float(), skew) * count)
  }

  flag(table: string, deleted: boolean): number {
    this.deleted[table] ??= 0
    if (deleted) this.deleted[table]++
    return deleted ? 1 : 0
  }

  count(map: Record<string, number>, key: string, yes: boolean): void {
    map[key] ??= 0
    if (yes) map[key]++
  }
}

// ---------------------------------------------------------------------------------------------
// Entities recomputed on demand

interface Person {
  name: string
  first: string
  last: string
}

/** A person's name; `column` names the manifest counter to bump (null: a copy, not counted). */
function person(rng: Rng, ctx: Context, column: string | null, pMojibake: number): Person {
  const first = rng.pick(FIRST)
  const last = rng.pick(LAST)
  let name = rng.chance(0.1) ? `${last}, ${first}` : `${first} ${last}`
  const r = rng.float()
  const hasNonAscii = /[^\x00-\x7f]/.test(name)
  const mojibake = hasNonAscii && r < pMojibake
  const combining = hasNonAscii && !mojibake && r > 0.985
  if (mojibake) name = doubleEncode(name)
  else if (combining) name = name.normalize('NFD')
  if (column !== null) {
    ctx.count(ctx.mojibake, column, mojibake)
    ctx.count(ctx.combining, column, combining)
  }
  return { name, first, last }
}

function pickCountry(rng: Rng): Country {
  let r = rng.float() * COUNTRY_WEIGHT
  for (const c of COUNTRIES) {
    r -= c.weight
    if (r < 0) return c
  }
  return COUNTRIES[0]
}

function zipcode(rng: Rng, country: Country): string {
  switch (country.name) {
    case 'USA':
      return String(rng.int(1000, 99999)).padStart(5, '0')
    case 'Germany':
      return String(rng.int(1067, 99998)).padStart(5, '0')
    case 'United Kingdom':
      return `${rng.pick(['WS1', 'CB8', 'RG17', 'EH1', 'SW3'])} ${rng.int(1, 9)}${rng.pick(['AB', 'XY', 'QT', 'LN'])}`
    case 'Canada':
      return `M${rng.int(1, 9)}V ${rng.int(1, 9)}T${rng.int(1, 9)}`
    default:
      return String(rng.int(1000, 9999))
  }
}

function address(rng: Rng): string {
  const street = `${rng.int(1, 250)} ${rng.pick(STREETS)}`
  const r = rng.float()
  if (r < 0.08) return `${street}\nUnit ${rng.int(1, 40)}`
  if (r < 0.1) return `${street}\r\nc/o "${rng.pick(HORSES)}" Stables`
  if (r < 0.11) return `${street}\\Hinterhaus`
  return street
}

function email(rng: Rng, p: Person): string | null {
  const r = rng.float()
  if (r < 0.07) return null
  if (r < 0.1) return ''
  return `${asciiSlug(p.first)}.${asciiSlug(p.last)}${rng.int(1, 999)}@${rng.pick(['example.com', 'example.de', 'example.co.uk', 'mail.example'])}`
}

function phone(rng: Rng): string | null {
  const r = rng.float()
  if (r < 0.15) return null
  if (r < 0.2) return ''
  return `+${rng.int(1, 61)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`
}

interface FitterCore {
  country: Country
  currency: number
  userId: number
}

function fitterCore(ctx: Context, id: number): FitterCore {
  const rng = ctx.rng('Fitters', id, 1)
  const country = pickCountry(rng)
  const r = rng.float()
  const currency = r < 0.004 ? rng.pick([0, 9]) : country.currency
  const u = rng.float()
  const userId = u < 0.03 ? 0 : u < 0.05 ? ctx.plan.credentials + rng.int(1, 500) : ctx.plan.staff + id
  return { country, currency, userId }
}

function customerFitter(ctx: Context, id: number): number {
  return ctx.drawRef(ctx.rng('Customers', id, 1), 'Fitters', 0.02, 0.005, 1.6)
}

interface OptionItemCore {
  optionId: number
  name: string
  cents: number
}

function optionItemCore(ctx: Context, id: number): OptionItemCore {
  const rng = ctx.rng('OptionsItems', id, 1)
  const o = rng.float()
  const optionId = o < 0.005 ? ctx.plan.options + rng.int(1, 50) : 1 + ((id - 1) % ctx.plan.options)
  const type = optionId <= ctx.plan.options ? OPTION_NAMES[optionId - 1][1] : 0
  const name = rng.pick(ITEM_NAMES[type]) + (rng.chance(0.3) ? ` (${rng.int(2, 9)})` : '')
  const cents = type === 0 && rng.chance(0.6) ? 0 : rng.chance(0.003) ? -rng.int(1, 50) * 100 : rng.int(1, 120) * 250
  return { optionId, name, cents }
}

function saddleName(ctx: Context, id: number): string {
  if (!ctx.exists('Saddles', id)) return 'Unknown model'
  const rng = ctx.rng('Saddles', id, 1)
  const brandIndex = (id - 1) % ctx.plan.brands
  return `${BRANDS[brandIndex]} ${rng.pick(SADDLE_WORDS)} ${rng.pick(SADDLE_WORDS)}${rng.chance(0.3) ? ` ${rng.int(2, 5)}` : ''}`
}

interface OrderLine {
  optionId: number
  optionItemId: number
  description: string
  quantity: number
  cents: number
}

interface OrderCore {
  id: number
  time: number
  customerId: number
  fitterId: number
  saddleId: number
  leatherId: number
  factoryId: number
  status: number
  changeTime: number
  currency: number
  saddleCents: number
  shippingCents: number
  depositCents: number
  urgent: boolean
  deleted: boolean
  lines: OrderLine[]
}

const STATUS_FINAL = [7, 7, 7, 7, 7, 7, 9, 10, 12]
const STATUS_OPEN = [1, 2, 3, 4, 5, 6, 8, 11]

function orderCore(ctx: Context, id: number): OrderCore {
  const rng = ctx.rng('Orders', id)
  const n = ctx.plan.orders
  const share = (id - 0.5) / n
  let time = timeAtShare(share) + rng.int(-3600, 3600)
  if (time > DATA_TO) time = DATA_TO
  const age = (DATA_TO - time) / DAY
  const c = rng.float()
  const customerId = c < 0.002 ? 0 : c < 0.005 ? ctx.plan.customers + rng.int(1, 5000) : rng.int(1, ctx.plan.customers)
  const f = rng.float()
  const fitterId = f < 0.003 ? 0 : f < 0.9 && customerId >= 1 && customerId <= ctx.plan.customers ? customerFitter(ctx, customerId) : ctx.drawRef(rng, 'Fitters', 0, 0.003, 1.5)
  const saddleId = ctx.drawRef(rng, 'Saddles', 0.001, 0.002, 2)
  const leatherId = ctx.drawRef(rng, 'LeatherTypes', 0.005, 0.001, 1.5)
  const s = rng.float()
  let status: number
  if (s < 0.0005) status = rng.pick([0, 13, 99])
  else status = age > 120 ? rng.pick(STATUS_FINAL) : rng.pick(STATUS_OPEN)
  const factoryId = status === 1 && rng.chance(0.7) ? 0 : ctx.drawRef(rng, 'Factories', 0.03, 0.002)
  const changeTime = rng.chance(0.001) ? 0 : Math.min(DATA_TO, time + rng.int(0, Math.max(1, Math.min(200, Math.floor(age))) * DAY))
  if (rng.chance(0.001)) time = 0
  const fitter = fitterId >= 1 && fitterId <= ctx.plan.fitters ? fitterCore(ctx, fitterId) : null
  const currency = fitter ? fitter.currency : 1
  const saddleCents = rng.chance(0.002) ? 0 : rng.int(1200, 6500) * 100 + (rng.chance(0.2) ? 50 : 0)
  const shippingCents = rng.chance(0.4) ? 0 : rng.int(20, 180) * 100
  const lines: OrderLine[] = []
  const lr = ctx.rng('lines', id)
  const lineCount = lr.chance(0.03) ? 0 : lr.int(1, 11)
  for (let i = 0; i < lineCount; i++) {
    if (lr.chance(0.08)) {
      lines.push({ optionId: 0, optionItemId: 0, description: lr.pick(NOTES).split('\n')[0], quantity: 1, cents: lr.chance(0.5) ? 0 : lr.int(1, 40) * 500 })
      continue
    }
    const itemId = ctx.drawRef(lr, 'OptionsItems', 0, 0.003, 1.8)
    const item = itemId <= ctx.plan.optionsItems ? optionItemCore(ctx, itemId) : { optionId: lr.int(1, ctx.plan.options), name: '', cents: 0 }
    lines.push({ optionId: item.optionId, optionItemId: itemId, description: item.name, quantity: lr.chance(0.05) ? lr.int(2, 4) : lr.chance(0.005) ? 0 : 1, cents: item.cents })
  }
  const optionsCents = lines.reduce((sum, l) => sum + l.cents * l.quantity, 0)
  const total = saddleCents + optionsCents + shippingCents
  const depositCents = rng.chance(0.4) ? 0 : Math.round((total * rng.int(20, 50)) / 100)
  return { id, time, customerId, fitterId, saddleId, leatherId, factoryId, status, changeTime, currency, saddleCents, shippingCents, depositCents, urgent: rng.chance(0.06), deleted: rng.chance(0.015), lines }
}

/** One order in 4999 carries a long change history: OrderData over 64 KB. */
function isHugeOrder(id: number): boolean {
  return id % 4999 === 2500
}

type OrderDataKind = 'json' | 'php' | 'empty' | 'null' | 'damagedJson' | 'damagedPhp'

function orderData(ctx: Context, core: OrderCore): { kind: OrderDataKind; text: string | null } {
  const rng = ctx.rng('orderData', core.id)
  const r = rng.float()
  if (r < 0.005) return { kind: 'empty', text: '' }
  if (r < 0.008) return { kind: 'null', text: null }
  const customer = person(ctx.rng('orderData', core.id, 2), ctx, null, 0)
  const spec: Record<string, PhpValue> = {
    model: saddleName(ctx, core.saddleId),
    leather: LEATHERS[(core.leatherId - 1 + LEATHERS.length) % LEATHERS.length] ?? '',
    seat: rng.pick(['16"', '16.5"', '17"', '17.5"', '18"']),
    tree: rng.pick(['Narrow', 'Medium', 'Medium-Wide', 'Wide', 'Extra Wide']),
    flap: rng.pick(['Standard', 'Forward +1cm', 'Forward +2cm', 'Short', 'Long']),
    colour: rng.pick(['Black', 'Havana', 'Brown', 'Schwarz', 'Marron']),
    options: Object.fromEntries(core.lines.filter((l) => l.optionId > 0).map((l, i) => [`opt_${l.optionId}_${i}`, l.description])),
    rider: { name: customer.name, height_cm: rng.int(150, 195), weight_kg: rng.int(45, 110), leg: rng.pick(['short', 'medium', 'long']) },
    horse: { name: rng.pick(HORSES), breed: rng.pick(['Warmblood', 'Thoroughbred', 'Haflinger', 'Andalusier', 'Connemara', 'Trakehner']), withers: rng.pick(['high', 'medium', 'low']), age: rng.int(3, 22) },
    measurements: { wither_width: rng.int(180, 260) / 10, spine: rng.int(20, 45) / 10, template: rng.chance(0.3) ? 'sent by post' : 'photo' },
    notes: rng.chance(0.4) ? rng.pick(NOTES) : '',
    version: core.time >= JSON_SINCE ? 2 : 1,
  }
  // A few orders carry a change history: bigger texts, and now and then one over 64 KB.
  const h = rng.float()
  const historyLength = isHugeOrder(core.id) ? 600 : h < 0.03 ? rng.int(10, 60) : 0
  if (historyLength > 0) {
    const history: PhpValue[] = []
    for (let i = 0; i < historyLength; i++) history.push({ at: core.time + i * 3600, by: rng.int(1, ctx.plan.credentials), field: rng.pick(['seat', 'tree', 'flap', 'notes']), value: rng.pick(NOTES) })
    spec.history = history
  }
  const damaged = rng.chance(0.004)
  if (core.time >= JSON_SINCE || (core.time === 0 && rng.chance(0.5))) {
    let text = rng.chance(0.8) ? phpJsonEncode(spec) : JSON.stringify(spec)
    if (damaged) text = text.slice(0, Math.floor(text.length * rng.float()))
    return { kind: damaged ? 'damagedJson' : 'json', text }
  }
  let text = phpSerialize(spec)
  if (damaged) text = rng.chance(0.5) ? text.slice(0, Math.floor(text.length * rng.float())) : text.replace(/s:(\d+):"/, (_, n) => `s:${Number(n) + 1}:"`)
  return { kind: damaged ? 'damagedPhp' : 'php', text }
}

function specialNotes(rng: Rng): string | null {
  const r = rng.float()
  if (r < 0.5) return null
  if (r < 0.6) return ''
  if (r < 0.9) return rng.pick(NOTES)
  return `${rng.pick(NOTES)}\n${rng.pick(NOTES)}\n-- ${rng.pick(FIRST)}`
}

// ---------------------------------------------------------------------------------------------
// Table generators: each emits row tuples `(…)` in ID order

type Rows = (ctx: Context) => Iterable<string>

function q(value: string): string {
  return sqlString(value)
}

const TABLE_ROWS: Record<LegacyTable, Rows> = {
  *UserTypes(_ctx) {
    const names = ['Administrator', 'Fitter', 'Factory', 'Supervisor', 'Customer service']
    for (let i = 0; i < names.length; i++) yield `(${i + 1},${q(names[i])})`
  },

  *Statuses(_ctx) {
    const names = ['Order placed', 'Approved', 'Sent to factory', 'In production', 'Shipped from factory', 'Received', 'Delivered to customer', 'On hold', 'Cancelled', 'Returned', 'In progress', 'Repair']
    for (let i = 0; i < names.length; i++) yield `(${i + 1},${q(names[i])},${i + 1})`
  },

  *Credentials(ctx) {
    const { plan } = ctx
    for (let id = 1; id <= plan.credentials; id++) {
      const rng = ctx.rng('Credentials', id)
      let userType: number
      let p: Person
      if (id <= plan.staff) {
        userType = id === 1 ? 1 : id <= 4 ? 4 : id <= 8 ? 5 : 1
        p = person(rng, ctx, null, 0)
      } else if (id <= plan.staff + plan.fitters) {
        userType = 2
        p = person(ctx.rng('Fitters', id - plan.staff), ctx, null, 0)
      } else if (id <= plan.staff + plan.fitters + plan.factoryEmployees) {
        userType = 3
        p = person(ctx.rng('FactoryEmployees', id - plan.staff - plan.fitters), ctx, null, 0)
      } else {
        userType = rng.pick([0, 2, 5, 7, 99])
        p = person(rng, ctx, null, 0)
      }
      ctx.ref('Credentials.UserType', 'UserTypes', userType)
      // Accounts were opened evenly over the years; md5 hashes stayed until a password change.
      const created = Math.floor(DATA_FROM + (id / plan.credentials) * (DATA_TO - DATA_FROM) * 0.9)
      let password: string
      if (rng.chance(0.003)) {
        password = ''
        ctx.credentials.empty++
      } else if (created < BCRYPT_SINCE && rng.chance(0.85)) {
        password = rng.chance(0.05) ? hexString(rng, 32).toUpperCase() : hexString(rng, 32)
        ctx.credentials.md5++
      } else {
        password = bcrypt(rng)
        ctx.credentials.bcrypt++
      }
      const mojibake = rng.chance(0.01) && /[^\x00-\x7f]/.test(p.first)
      ctx.count(ctx.mojibake, 'Credentials.UserName', mojibake)
      const userName = mojibake ? doubleEncode(p.first) + id : `${asciiSlug(p.first)}.${asciiSlug(p.last)}${id > 50 ? id : ''}`
      const lastLogin = rng.chance(0.05) ? 0 : Math.min(DATA_TO, created + rng.int(0, DATA_TO - created))
      const deleted = ctx.flag('Credentials', rng.chance(0.04))
      yield `(${id},${q(userName)},${q(password)},${userType},${sqlNullableString(email(rng, p))},${lastLogin},${deleted})`
    }
  },

  *Brands(ctx) {
    for (let id = 1; id <= ctx.plan.brands; id++) yield `(${id},${q(BRANDS[id - 1])},${id === ctx.plan.brands && id > 3 ? 0 : 1})`
  },

  *Factories(ctx) {
    for (let id = 1; id <= ctx.plan.factories; id++) {
      const rng = ctx.rng('Factories', id)
      const [name, region] = FACTORY_NAMES[id - 1]
      const mail = rng.chance(0.2) ? null : `orders@${asciiSlug(name).slice(0, 12)}.example`
      yield `(${id},${q(name)},${q(region)},${sqlNullableString(mail)},${ctx.flag('Factories', id === ctx.plan.factories && id > 4)})`
    }
  },

  *FactoryEmployees(ctx) {
    const { plan } = ctx
    for (let id = 1; id <= plan.factoryEmployees; id++) {
      const rng = ctx.rng('FactoryEmployees', id)
      const p = person(rng, ctx, 'FactoryEmployees.Name', 0.01)
      const factoryId = ctx.ref('FactoryEmployees.FactoryID', 'Factories', ctx.drawRef(rng, 'Factories', 0, 0.01))
      const userId = ctx.ref('FactoryEmployees.UserID', 'Credentials', rng.chance(0.03) ? 0 : plan.staff + plan.fitters + id)
      yield `(${id},${factoryId},${userId},${q(p.name)},${ctx.flag('FactoryEmployees', rng.chance(0.08))})`
    }
  },

  *Fitters(ctx) {
    for (let id = 1; id <= ctx.plan.fitters; id++) {
      const rng = ctx.rng('Fitters', id)
      const p = person(rng, ctx, 'Fitters.Name', 0.01)
      const core = fitterCore(ctx, id)
      ctx.ref('Fitters.UserID', 'Credentials', core.userId)
      const [city, state] = rng.pick(core.country.cities)
      const r = ctx.rng('Fitters', id, 2)
      yield `(${id},${core.userId},${q(p.name)},${sqlNullableString(r.chance(0.05) ? null : address(r))},${q(city)},${sqlNullableString(state)},${q(zipcode(r, core.country))},${q(core.country.name)},${sqlNullableString(phone(r))},${sqlNullableString(phone(r))},${sqlNullableString(email(r, p))},${core.currency},${ctx.flag('Fitters', r.chance(0.05))})`
    }
  },

  *Customers(ctx) {
    for (let id = 1; id <= ctx.plan.customers; id++) {
      if (ctx.customerMissing(id)) continue
      const rng = ctx.rng('Customers', id)
      const fitterId = ctx.ref('Customers.FitterID', 'Fitters', customerFitter(ctx, id))
      const p = person(rng, ctx, 'Customers.Name', 0.005)
      const country = pickCountry(rng)
      const [city, state] = rng.pick(country.cities)
      const sparse = rng.chance(0.05) // old records with almost nothing filled in
      const horse = rng.chance(0.2) ? null : rng.pick(HORSES)
      yield `(${id},${fitterId},${q(p.name)},${sqlNullableString(email(rng, p))},${sqlNullableString(sparse ? null : address(rng))},${sqlNullableString(sparse ? null : city)},${sqlNullableString(sparse ? null : state)},${sqlNullableString(sparse ? null : zipcode(rng, country))},${sqlNullableString(sparse ? null : country.name)},${sqlNullableString(phone(rng))},${sqlNullableString(phone(rng))},${sqlNullableString(horse)},${ctx.flag('Customers', rng.chance(0.03))})`
    }
  },

  *Saddles(ctx) {
    const { plan } = ctx
    const byRegion = (region: string) => FACTORY_NAMES.slice(0, plan.factories).flatMap(([, r], i) => (r === region ? [i + 1] : []))
    const regions = ['US', 'EU', 'UK', 'AU'].map(byRegion)
    for (let id = 1; id <= plan.saddles; id++) {
      const rng = ctx.rng('Saddles', id)
      const brandId = ctx.ref('Saddles.BrandID', 'Brands', rng.chance(0.005) ? plan.brands + rng.int(1, 9) : 1 + ((id - 1) % plan.brands))
      const type = rng.chance(0.005) ? rng.int(4, 9) : rng.int(0, 3)
      const factories = ['FactoryUS', 'FactoryEU', 'FactoryUK', 'FactoryAU'].map((column, i) => {
        const value = regions[i].length === 0 || rng.chance(0.2) ? 0 : rng.chance(0.01) ? plan.factories + rng.int(1, 9) : rng.pick(regions[i])
        return ctx.ref(`Saddles.${column}`, 'Factories', value)
      })
      yield `(${id},${brandId},${q(saddleName(ctx, id))},${type},${factories.join(',')},${rng.int(0, 50)},${rng.chance(0.85) ? 1 : 0})`
    }
  },

  *LeatherTypes(ctx) {
    for (let id = 1; id <= ctx.plan.leatherTypes; id++) yield `(${id},${q(LEATHERS[id - 1])},${id},${ctx.flag('LeatherTypes', ctx.rng('LeatherTypes', id).chance(0.1))})`
  },

  *SaddleLeathers(ctx) {
    let id = 0
    for (let saddle = 1; saddle <= ctx.plan.saddles; saddle++) {
      const rng = ctx.rng('SaddleLeathers', saddle)
      const k = rng.int(2, Math.min(6, ctx.plan.leatherTypes))
      const start = rng.int(1, ctx.plan.leatherTypes)
      for (let j = 0; j < k; j++) {
        const leather = ctx.ref('SaddleLeathers.LeatherID', 'LeatherTypes', rng.chance(0.005) ? ctx.plan.leatherTypes + rng.int(1, 9) : 1 + ((start + j) % ctx.plan.leatherTypes))
        const saddleId = ctx.ref('SaddleLeathers.SaddleID', 'Saddles', rng.chance(0.003) ? ctx.plan.saddles + rng.int(1, 99) : saddle)
        yield `(${++id},${saddleId},${leather},${sqlCents(rng.chance(0.002) ? 9999999999 : rng.pick([0, 0, 5000, 10000, 15000, 25000]))},${j + 1})`
      }
    }
  },

  *Options(ctx) {
    for (let id = 1; id <= ctx.plan.options; id++) {
      const rng = ctx.rng('Options', id)
      const [name, type] = OPTION_NAMES[id - 1]
      yield `(${id},${q(name)},${rng.chance(0.02) ? rng.int(3, 9) : type},${id},${ctx.flag('Options', rng.chance(0.08))})`
    }
  },

  *OptionsItems(ctx) {
    for (let id = 1; id <= ctx.plan.optionsItems; id++) {
      const item = optionItemCore(ctx, id)
      ctx.ref('OptionsItems.OptionID', 'Options', item.optionId)
      const rng = ctx.rng('OptionsItems', id, 2)
      yield `(${id},${item.optionId},${q(item.name)},${sqlCents(item.cents)},${rng.int(0, 30)},${ctx.flag('OptionsItems', rng.chance(0.05))})`
    }
  },

  *SaddleOptionsItems(ctx) {
    let id = 0
    for (let saddle = 1; saddle <= ctx.plan.saddles; saddle++) {
      const rng = ctx.rng('SaddleOptionsItems', saddle)
      const k = rng.int(10, 30)
      for (let j = 0; j < k; j++) {
        const itemId = ctx.drawRef(rng, 'OptionsItems', 0.01, 0.005)
        const item = itemId >= 1 && itemId <= ctx.plan.optionsItems ? optionItemCore(ctx, itemId) : null
        const optionId = item === null ? (itemId === 0 ? 0 : rng.int(1, ctx.plan.options)) : rng.chance(0.01) ? rng.int(1, ctx.plan.options) : item.optionId
        ctx.ref('SaddleOptionsItems.SaddleID', 'Saddles', saddle)
        ctx.ref('SaddleOptionsItems.OptionID', 'Options', optionId)
        ctx.ref('SaddleOptionsItems.OptionItemID', 'OptionsItems', itemId)
        yield `(${++id},${saddle},${optionId},${itemId},${sqlCents(item ? item.cents + (rng.chance(0.2) ? rng.int(-10, 20) * 100 : 0) : 0)},${j + 1})`
      }
    }
  },

  *Presets(ctx) {
    for (let id = 1; id <= ctx.plan.presets; id++) {
      const rng = ctx.rng('Presets', id)
      const saddleId = ctx.ref('Presets.SaddleID', 'Saddles', ctx.drawRef(rng, 'Saddles', 0.01, 0.005))
      yield `(${id},${saddleId},${q(`${rng.pick(['Standard', 'Pro', 'Jumper', 'Dressage', 'Pony', 'Rider'])} ${rng.pick(SADDLE_WORDS)} #${id}`)},${ctx.flag('Presets', rng.chance(0.1))})`
    }
  },

  *PresetsItems(ctx) {
    let id = 0
    for (let preset = 1; preset <= ctx.plan.presets; preset++) {
      const rng = ctx.rng('PresetsItems', preset)
      const k = rng.int(4, 14)
      for (let j = 0; j < k; j++) {
        const itemId = ctx.drawRef(rng, 'OptionsItems', 0.01, 0.005)
        const optionId = itemId >= 1 && itemId <= ctx.plan.optionsItems ? optionItemCore(ctx, itemId).optionId : itemId === 0 ? 0 : rng.int(1, ctx.plan.options)
        const presetId = ctx.ref('PresetsItems.PresetID', 'Presets', rng.chance(0.003) ? ctx.plan.presets + rng.int(1, 99) : preset)
        ctx.ref('PresetsItems.OptionID', 'Options', optionId)
        ctx.ref('PresetsItems.OptionItemID', 'OptionsItems', itemId)
        yield `(${++id},${presetId},${optionId},${itemId})`
      }
    }
  },

  *Orders(ctx) {
    for (let id = 1; id <= ctx.plan.orders; id++) yield orderTuple(ctx, orderCore(ctx, id))
  },

  *OrdersInfo(ctx) {
    const next = { id: 0 }
    for (let order = 1; order <= ctx.plan.orders; order++) yield* orderLineTuples(ctx, orderCore(ctx, order), next)
  },

  *ClientConfirmation(ctx) {
    const next = { id: 0 }
    for (let order = 1; order <= ctx.plan.orders; order++) yield* confirmationTuples(ctx, orderCore(ctx, order), next)
  },

  *DBlog(ctx) {
    const next = { id: 0 }
    for (let order = 1; order <= ctx.plan.orders; order++) yield* dblogTuples(ctx, orderCore(ctx, order), next)
  },

  *Log(ctx) {
    const next = { id: 0 }
    for (let order = 1; order <= ctx.plan.orders; order++) yield* logTuples(ctx, orderCore(ctx, order), next)
  },
}

function orderTuple(ctx: Context, o: OrderCore): string {
  const s = ctx.orders
  const data = orderData(ctx, o)
  s.orderData[data.kind]++
  if (data.text !== null && data.text.length > 65_536 / 4 && Buffer.byteLength(data.text) > 65_536) s.orderDataOver64k++
  ctx.ref('Orders.CustomerID', 'Customers', o.customerId)
  ctx.ref('Orders.FitterID', 'Fitters', o.fitterId)
  ctx.ref('Orders.SaddleID', 'Saddles', o.saddleId)
  ctx.ref('Orders.LeatherID', 'LeatherTypes', o.leatherId)
  ctx.ref('Orders.FactoryID', 'Factories', o.factoryId)
  ctx.ref('Orders.OrderStatus', 'Statuses', o.status)
  s.byStatus[o.status] = (s.byStatus[o.status] ?? 0) + 1
  if (!ctx.exists('Statuses', o.status)) s.unknownStatus++
  if (o.time === 0) s.orderTimeZero++
  else {
    s.orderTimeMin = Math.min(s.orderTimeMin, o.time)
    s.orderTimeMax = Math.max(s.orderTimeMax, o.time)
  }
  if (o.changeTime === 0) s.changeTimeZero++
  if (o.urgent) s.urgent++
  const optionsCents = o.lines.reduce((sum, l) => sum + l.cents * l.quantity, 0)
  const cur = (s.byCurrency[o.currency] ??= { orders: 0, saddle: 0, options: 0, shipping: 0, deposit: 0 })
  cur.orders++
  cur.saddle += o.saddleCents
  cur.options += optionsCents
  cur.shipping += o.shippingCents
  cur.deposit += o.depositCents
  const rng = ctx.rng('Orders', o.id, 3)
  const serial = rng.chance(0.3) ? null : rng.chance(0.05) ? '' : `SN-${String(o.id).padStart(6, '0')}${rng.chance(0.02) ? '\\B' : ''}`
  return `(${o.id},${o.customerId},${o.fitterId},${o.saddleId},${o.leatherId},${o.factoryId},${o.status},${o.time},${o.changeTime},${sqlNullableString(data.text)},${sqlNullableString(specialNotes(rng))},${sqlNullableString(serial)},${o.currency},${sqlCents(o.saddleCents)},${sqlCents(optionsCents)},${sqlCents(o.shippingCents)},${sqlCents(o.depositCents)},${o.urgent ? 1 : 0},${ctx.flag('Orders', o.deleted)})`
}

function orderLineTuples(ctx: Context, o: OrderCore, next: { id: number }): string[] {
  const out: string[] = []
  const rng = ctx.rng('OrdersInfo', o.id)
  const stray = rng.chance(0.002) // a line whose order is gone (or never was)
  const lines = stray ? [...o.lines, { optionId: 0, optionItemId: 0, description: 'orphan line', quantity: 1, cents: 1000 }] : o.lines
  lines.forEach((l, i) => {
    const orderId = stray && i === lines.length - 1 ? (rng.chance(0.3) ? 0 : ctx.plan.orders + rng.int(1, 9999)) : o.id
    ctx.ref('OrdersInfo.OrderID', 'Orders', orderId)
    ctx.ref('OrdersInfo.OptionID', 'Options', l.optionId)
    ctx.ref('OrdersInfo.OptionItemID', 'OptionsItems', l.optionItemId)
    ctx.orderLines.quantity += l.quantity
    ctx.orderLines.priceCents += l.cents
    if (l.optionId === 0) ctx.orderLines.freeText++
    out.push(`(${++next.id},${orderId},${l.optionId},${l.optionItemId},${q(l.description)},${l.quantity},${sqlCents(l.cents)})`)
  })
  return out
}

function confirmationTuples(ctx: Context, o: OrderCore, next: { id: number }): string[] {
  if (o.time < CONFIRM_SINCE) return []
  const rng = ctx.rng('ClientConfirmation', o.id)
  if (!rng.chance(0.7)) return []
  const orderId = rng.chance(0.002) ? ctx.plan.orders + rng.int(1, 9999) : o.id
  ctx.ref('ClientConfirmation.OrderID', 'Orders', orderId)
  const confirmed = rng.chance(0.75)
  const confirmTime = confirmed ? Math.min(DATA_TO, o.time + rng.int(600, 10 * DAY)) : 0
  return [`(${++next.id},${orderId},${q(hexString(rng, 64))},${confirmed ? 1 : 0},${confirmTime},${sqlNullableString(confirmed ? ip(rng) : null)})`]
}

function dblogTuples(ctx: Context, o: OrderCore, next: { id: number }): string[] {
  const out: string[] = []
  const rng = ctx.rng('DBlog', o.id)
  const fitterUser = o.fitterId >= 1 && o.fitterId <= ctx.plan.fitters ? fitterCore(ctx, o.fitterId).userId : 0
  const base = o.time === 0 ? o.changeTime : o.time
  const row = (userId: number, time: number, table: string, recordId: number, operation: string, query: string | null) => {
    ctx.ref('DBlog.UserID', 'Credentials', userId)
    out.push(`(${++next.id},${userId},${time},${q(table)},${recordId},${q(operation)},${sqlNullableString(query)})`)
  }
  const data = orderData(ctx, o).text
  // The application logged the statement it sent: values escaped once by PHP; the dump escapes again.
  row(
    fitterUser,
    base,
    'Orders',
    o.id,
    'INSERT',
    `INSERT INTO Orders (CustomerID, FitterID, SaddleID, LeatherID, OrderStatus, OrderTime, OrderData, Currency, PriceSaddle) VALUES (${o.customerId}, ${o.fitterId}, ${o.saddleId}, ${o.leatherId}, 1, ${o.time}, ${data === null ? 'NULL' : sqlString(data)}, ${o.currency}, '${sqlCents(o.saddleCents)}')`,
  )
  const updates = rng.int(0, 3)
  for (let i = 0; i < updates; i++) {
    const time = Math.min(DATA_TO, base + rng.int(1, 120) * DAY)
    const user = rng.chance(0.6) ? fitterUser : rng.chance(0.01) ? ctx.plan.credentials + rng.int(1, 99) : rng.int(1, ctx.plan.staff)
    const u = rng.float()
    let query: string | null
    if (u < 0.5) query = `UPDATE Orders SET OrderStatus=${rng.int(2, 12)}, ChangeTime=${time} WHERE ID=${o.id}`
    else if (u < 0.62 && data !== null) query = `UPDATE Orders SET OrderData=${sqlString(data)}, ChangeTime=${time} WHERE ID=${o.id}`
    else if (u < 0.9) query = `UPDATE Orders SET SpecialNotes=${sqlString(rng.pick(NOTES))} WHERE ID=${o.id}`
    else if (u < 0.995) query = `UPDATE Customers SET Address=${sqlString(address(rng))}, Phone=${sqlString(phone(rng) ?? '')} WHERE ID=${o.customerId}`
    else query = null
    row(user, time, u < 0.9 ? 'Orders' : 'Customers', u < 0.9 ? o.id : o.customerId, 'UPDATE', query)
  }
  if (o.deleted) row(rng.int(1, ctx.plan.staff), Math.min(DATA_TO, base + rng.int(1, 300) * DAY), 'Orders', o.id, 'DELETE', `UPDATE Orders SET Deleted=1 WHERE ID=${o.id}`)
  return out
}

function logTuples(ctx: Context, o: OrderCore, next: { id: number }): string[] {
  const out: string[] = []
  const rng = ctx.rng('Log', o.id)
  const fitterUser = o.fitterId >= 1 && o.fitterId <= ctx.plan.fitters ? fitterCore(ctx, o.fitterId).userId : 0
  const base = o.time === 0 ? o.changeTime : o.time
  const k = rng.int(1, 5)
  for (let i = 0; i < k; i++) {
    const action = i === 0 ? 'order.create' : rng.pick(LOG_ACTIONS)
    const u = rng.float()
    const userId = u < 0.05 ? 0 : u < 0.053 ? ctx.plan.credentials + rng.int(1, 99) : u < 0.7 ? fitterUser : rng.int(1, ctx.plan.staff)
    ctx.ref('Log.UserID', 'Credentials', userId)
    const zero = rng.chance(0.003)
    if (zero) ctx.log.zeroDates++
    const time = zero ? null : Math.min(DATA_TO, base + i * rng.int(60, 20 * DAY))
    const address = ip(rng)
    let details: string | null
    const d = rng.float()
    if (d < 0.03) details = null
    else if (d < 0.06) details = ''
    else if (action === 'order.create' || action === 'order.status')
      details = `Order #${o.id} ${action === 'order.create' ? 'created' : `status ${rng.int(1, 12)} -> ${rng.int(1, 12)}`} by user ${userId}\nCustomer: ${o.customerId}; Saddle: ${saddleName(ctx, o.saddleId)}\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(40, 120)}.0 Safari/537.36`
    else if (action === 'search') details = `q=${rng.pick(LAST)}&filter[status]=${rng.int(1, 12)}&page=${rng.int(1, 9)}\tresults=${rng.int(0, 200)}`
    else if (action === 'email.sent') details = `To: ${rng.pick(FIRST)} <customer${o.customerId}@example.com>\r\nSubject: Your order #${o.id} – "${rng.pick(['confirmed', 'shipped', 'on hold'])}"\r\n`
    else details = phpJsonEncode({ order: o.id, session: hexString(rng, 26), referer: `https://orders.example.com/order.php?id=${o.id}&tab=${rng.pick(['spec', 'price', 'notes'])}`, path: 'C:\\exports\\order.pdf' })
    out.push(`(${++next.id},${userId},'${datetimeText(time)}',${q(action)},${sqlNullableString(details)},${sqlNullableString(address)})`)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Sizing: sample rows to learn bytes per order, then choose the number of orders

const ORDER_TABLES = ['Orders', 'OrdersInfo', 'ClientConfirmation', 'DBlog', 'Log'] as const

/** Estimated dump bytes for a plan: catalogs counted in full, customers and orders sampled. */
export function estimateBytes(seed: number, plan: Plan): number {
  const ctx = new Context(seed, plan)
  let bytes = 40_000 // header, footer, 21 DDL sections
  const size = (tuples: Iterable<string>): number => {
    let n = 0
    for (const tuple of tuples) n += Buffer.byteLength(tuple) + 2
    return n
  }
  for (const table of LEGACY_TABLES) {
    if ((ORDER_TABLES as readonly string[]).includes(table) || table === 'Customers') continue
    bytes += size(TABLE_ROWS[table](ctx))
  }
  const customersSample = Math.min(plan.customers, 600)
  if (customersSample > 0) bytes += (size(TABLE_ROWS.Customers(new Context(seed, { ...plan, customers: customersSample }))) / customersSample) * plan.customers
  const orderUnit = (id: number): number => {
    const o = orderCore(ctx, id)
    const next = { id: id * 6 }
    return size([orderTuple(ctx, o)]) + size(orderLineTuples(ctx, o, next)) + size(confirmationTuples(ctx, o, next)) + size(dblogTuples(ctx, o, next)) + size(logTuples(ctx, o, next))
  }
  // The huge orders are few and heavy: count them exactly, sample the others.
  let huge = 0
  for (let id = 2500; id <= plan.orders; id += 4999) {
    bytes += orderUnit(id)
    huge++
  }
  const ordersSample = Math.min(plan.orders - huge, 3000)
  let orderBytes = 0
  for (let k = 0; k < ordersSample; k++) {
    let id = 1 + Math.floor(((k + 0.5) / ordersSample) * plan.orders)
    if (isHugeOrder(id)) id = id === plan.orders ? id - 1 : id + 1
    orderBytes += orderUnit(id)
  }
  if (ordersSample > 0) bytes += (orderBytes / ordersSample) * (plan.orders - huge)
  return bytes
}

/** The plan whose dump comes closest to targetBytes. */
export function planForBytes(seed: number, targetBytes: number): Plan {
  let orders = Math.max(20, Math.round(targetBytes / 3200))
  for (let i = 0; i < 5; i++) {
    const estimate = estimateBytes(seed, planFor(orders))
    const next = Math.max(20, Math.round((orders * targetBytes) / estimate))
    if (Math.abs(next - orders) <= Math.max(1, orders * 0.002)) break
    orders = next
  }
  return planFor(orders)
}

// ---------------------------------------------------------------------------------------------
// The dump

export interface DumpGenerator {
  readonly plan: Plan
  /** the dump text in pieces of about one INSERT statement */
  chunks(): Generator<string>
  /** the manifest; complete once chunks() has been consumed */
  manifest(): DumpManifest
}

/** Sums of cents as DECIMAL text. */
function centsText(cents: number): string {
  return sqlCents(cents)
}

export function createDumpGenerator(options: GenerateDumpOptions): DumpGenerator {
  const seed = options.seed ?? 1
  const netBufferLength = options.netBufferLength ?? DEFAULT_NET_BUFFER_LENGTH
  const database = options.database ?? 'ordermys'
  const plan = planForBytes(seed, options.targetBytes)
  const ctx = new Context(seed, plan)
  const tables: DumpManifest['tables'] = {}
  let bytes = 0
  let done = false

  function* chunks(): Generator<string> {
    const pieces: string[] = []
    const push = (text: string) => {
      pieces.push(text)
    }
    function* take(): Generator<string> {
      for (const text of pieces) {
        bytes += Buffer.byteLength(text)
        yield text
      }
      pieces.length = 0
    }
    push(dumpHeader(database))
    yield* take()
    // mariadb-dump lists tables in binary name order.
    const order = [...LEGACY_TABLES].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    for (const table of order) {
      const start = bytes
      // CREATE TABLE carries AUTO_INCREMENT = last id + 1, so the last id is needed first.
      const maxId = lastId(ctx, table)
      push(tableStructure(table, showCreateTable(table, maxId === 0 ? null : maxId + 1)))
      push(tableDataStart(table))
      yield* take()
      const writer = new ExtendedInsertWriter(table, push, netBufferLength)
      let lastRowId = 0
      for (const tuple of TABLE_ROWS[table](ctx)) {
        writer.add(tuple)
        lastRowId = Number(tuple.slice(1, tuple.indexOf(',')))
        if (pieces.length > 0) yield* take() // a statement is complete
      }
      writer.end()
      push(tableDataEnd(table))
      yield* take()
      if (lastRowId !== maxId) throw new Error(`${table}: last id ${lastRowId}, planned ${maxId}`)
      tables[table] = { rows: writer.rows, insertStatements: writer.statements, maxId, bytes: bytes - start }
    }
    push(dumpFooter(DUMP_COMPLETED_AT))
    yield* take()
    done = true
  }

  return {
    plan,
    chunks,
    manifest(): DumpManifest {
      if (!done) throw new Error('manifest() before the dump was fully generated')
      const s = ctx.orders
      return {
        format: 'ordermys-synthetic-dump/1',
        seed,
        targetBytes: options.targetBytes,
        bytes,
        netBufferLength,
        database,
        dumpCompletedAt: DUMP_COMPLETED_AT.toISOString(),
        dataFrom: new Date(DATA_FROM * 1000).toISOString(),
        dataTo: new Date(DATA_TO * 1000).toISOString(),
        tables,
        references: ctx.refs,
        deleted: ctx.deleted,
        orders: {
          byCurrency: Object.fromEntries(
            Object.entries(s.byCurrency).map(([currency, c]) => [
              currency,
              { orders: c.orders, priceSaddle: centsText(c.saddle), priceOptions: centsText(c.options), priceShipping: centsText(c.shipping), priceDeposit: centsText(c.deposit), total: centsText(c.saddle + c.options + c.shipping) },
            ]),
          ),
          byStatus: s.byStatus,
          unknownStatus: s.unknownStatus,
          orderTimeZero: s.orderTimeZero,
          changeTimeZero: s.changeTimeZero,
          orderTimeFrom: new Date(s.orderTimeMin * 1000).toISOString(),
          orderTimeTo: new Date(s.orderTimeMax * 1000).toISOString(),
          orderData: s.orderData,
          orderDataOver64k: s.orderDataOver64k,
          urgent: s.urgent,
        },
        orderLines: { quantity: ctx.orderLines.quantity, priceSum: centsText(ctx.orderLines.priceCents), freeText: ctx.orderLines.freeText },
        credentials: ctx.credentials,
        log: ctx.log,
        mojibake: ctx.mojibake,
        combining: ctx.combining,
      }
    },
  }
}

/** The last id a table will get (0 when empty), without touching the statistics. */
function lastId(ctx: Context, table: LegacyTable): number {
  const scratch = new Context(ctx.seed, ctx.plan)
  switch (table) {
    case 'Orders':
      return ctx.plan.orders
    case 'Customers': {
      for (let id = ctx.plan.customers; id >= 1; id--) if (!ctx.customerMissing(id)) return id
      return 0
    }
    case 'OrdersInfo':
    case 'ClientConfirmation':
    case 'DBlog':
    case 'Log':
      // Ids run over every order: count them instead of building the rows twice.
      return countOrderRows(scratch, table)
    default: {
      let last = 0
      for (const tuple of TABLE_ROWS[table](scratch)) last = Number(tuple.slice(1, tuple.indexOf(',')))
      return last
    }
  }
}

function countOrderRows(ctx: Context, table: 'OrdersInfo' | 'ClientConfirmation' | 'DBlog' | 'Log'): number {
  let n = 0
  for (let order = 1; order <= ctx.plan.orders; order++) {
    const o = orderCore(ctx, order)
    switch (table) {
      case 'OrdersInfo':
        n += o.lines.length + (ctx.rng('OrdersInfo', order).chance(0.002) ? 1 : 0)
        break
      case 'ClientConfirmation':
        if (o.time >= CONFIRM_SINCE && ctx.rng('ClientConfirmation', order).chance(0.7)) n++
        break
      case 'DBlog': {
        const rng = ctx.rng('DBlog', order)
        n += 1 + rng.int(0, 3) + (o.deleted ? 1 : 0)
        break
      }
      case 'Log':
        n += ctx.rng('Log', order).int(1, 5)
        break
    }
  }
  return n
}
