// All 21 mappings, in dependency order (every table after the tables it references), and a lookup
// by legacy table name. The validation pass and the import walk `mappings` in this order.

import type { Mapping } from './define-mapping'
import { userTypes } from './user-types'
import { credentials } from './credentials'
import { factories } from './factories'
import { factoryEmployees } from './factory-employees'
import { fitters } from './fitters'
import { customers } from './customers'
import { brands } from './brands'
import { saddles } from './saddles'
import { leatherTypes } from './leather-types'
import { saddleLeathers } from './saddle-leathers'
import { options } from './options'
import { optionsItems } from './options-items'
import { saddleOptionsItems } from './saddle-options-items'
import { presets } from './presets'
import { presetsItems } from './presets-items'
import { statuses } from './statuses'
import { orders } from './orders'
import { ordersInfo } from './orders-info'
import { clientConfirmation } from './client-confirmation'
import { dblog } from './dblog'
import { log } from './log'

export type AnyMapping = Mapping

export const mappings: readonly AnyMapping[] = [
  userTypes,
  credentials,
  factories,
  factoryEmployees,
  fitters,
  customers,
  brands,
  saddles,
  leatherTypes,
  saddleLeathers,
  options,
  optionsItems,
  saddleOptionsItems,
  presets,
  presetsItems,
  statuses,
  orders,
  ordersInfo,
  clientConfirmation,
  dblog,
  log,
]

const byLegacyTable = new Map<string, AnyMapping>(mappings.map((m) => [m.legacyTable, m]))

/** The mapping of a legacy table (name verbatim, e.g. 'OptionsItems'), or undefined for a drift table. */
export function mappingFor(legacyTable: string): AnyMapping | undefined {
  return byLegacyTable.get(legacyTable)
}

/** The legacy table names the migration maps, in dependency order. */
export const legacyTableNames: readonly string[] = mappings.map((m) => m.legacyTable)

export {
  userTypes,
  credentials,
  factories,
  factoryEmployees,
  fitters,
  customers,
  brands,
  saddles,
  leatherTypes,
  saddleLeathers,
  options,
  optionsItems,
  saddleOptionsItems,
  presets,
  presetsItems,
  statuses,
  orders,
  ordersInfo,
  clientConfirmation,
  dblog,
  log,
}
export { defineMapping, mapRow, snakeCase } from './define-mapping'
export type { LegacyRow, MappedRow, Mapping, MappingContext, MappingDefinition, RowContext, RowIssue, TargetRowBase } from './define-mapping'
export { createMappingContext, type CreateMappingContextOptions } from './mapping-context'
export { READER_RULE_CODES, RULE_CODES, RULE_CODE_LIST, isRuleCode, ruleSeverity, type RuleCode, type Severity } from './rule-codes'
