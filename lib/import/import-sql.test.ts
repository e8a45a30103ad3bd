import { describe, expect, it } from 'vitest'
import { importStatements, type ImportPlan } from './import-sql'
import { referencesOf } from './references'

const orders: ImportPlan = {
  legacyTable: 'Orders',
  targetTable: 'orders',
  stagingSchema: 'staging_ab',
  mappedTable: '"staging_ab"."mapped__orders"',
  columns: ['id', 'legacy_id', 'customer_id', 'legacy_customer_id', 'model_id', 'legacy_saddle_id', 'total_amount'],
  references: [
    { reference: referencesOf('Orders')[0], targetTable: 'customers' },
    { reference: referencesOf('Orders')[2], targetTable: 'models' },
  ],
}
const brands: ImportPlan = { legacyTable: 'Brands', targetTable: 'brands', stagingSchema: 's', mappedTable: '"s"."mapped__brands"', columns: ['id', 'legacy_id', 'brand_name'], references: [] }
const range = { afterRow: 5000, lastRow: 10007 }

describe('importStatements', () => {
  const s = importStatements(orders)

  it('upserts on legacy_id, refreshing every column but the keys, only when something changed', () => {
    const sql = s.upsert(range)
    expect(sql).toContain('INSERT INTO "orders" AS t ("id", "legacy_id", "customer_id", "legacy_customer_id", "model_id", "legacy_saddle_id", "total_amount")')
    expect(sql).toContain('ON CONFLICT ("legacy_id") DO UPDATE SET "customer_id" = EXCLUDED."customer_id"')
    expect(sql).not.toMatch(/SET "id" =|"legacy_id" = EXCLUDED/)
    expect(sql).toContain('WHERE (t."customer_id", t."legacy_customer_id", t."model_id", t."legacy_saddle_id", t."total_amount") IS DISTINCT FROM (EXCLUDED."customer_id"')
  })

  it('takes a reference uuid from the row it finds in the referenced target table by legacy id, so a missing row gives NULL', () => {
    const sql = s.upsert(range)
    // by the legacy half: a referenced row linked to an existing row of the new system has that row's id
    expect(sql).toContain('LEFT JOIN "customers" r0 ON m."customer_id" IS NOT NULL AND r0."legacy_id" = m."legacy_customer_id"')
    expect(sql).toContain('LEFT JOIN "models" r1 ON m."model_id" IS NOT NULL AND r1."legacy_id" = m."legacy_saddle_id"')
    expect(sql).toContain('SELECT m."id", m."legacy_id", r0."id" AS "customer_id", m."legacy_customer_id", r1."id" AS "model_id", m."legacy_saddle_id", m."total_amount"')
  })

  it('reads exactly the batch range of _row', () => {
    for (const sql of [s.upsert(range), s.updateExisting(range), s.selectNew(range), s.orphanIssues!(range)]) {
      expect(sql).toContain('m._row > 5000 AND m._row <= 10007')
    }
    expect(() => s.upsert({ afterRow: 0.5, lastRow: 2 })).toThrow(/not an integer/)
  })

  it('writes only rows not yet in the target for COPY, after refreshing those that are', () => {
    expect(s.selectNew(range)).toContain('AND NOT EXISTS (SELECT 1 FROM "orders" t WHERE t."legacy_id" = m."legacy_id")')
    expect(s.updateExisting(range)).toMatch(/^UPDATE "orders" AS t SET "customer_id" = s\."customer_id", .*\nWHERE t\."legacy_id" = s\."legacy_id" AND \(/s)
    expect(s.copyIn).toBe('COPY "orders" ("id", "legacy_id", "customer_id", "legacy_customer_id", "model_id", "legacy_saddle_id", "total_amount") FROM STDIN')
  })

  it('reports an ORPHAN_REF per NULLed reference with the legacy column, value and reason', () => {
    const sql = s.orphanIssues!(range)
    expect(sql).toContain("'ORPHAN_REF'")
    expect(sql).toContain(`('CustomerID', m."legacy_customer_id", (m."customer_id" IS NOT NULL AND r0."id" IS NULL), 'CustomerID ' || m."legacy_customer_id" || ' points at Customers row '`)
    expect(sql).toContain("which is not in models (it was rejected, or not imported); model_id is left empty and legacy_saddle_id keeps '")
  })

  it('tells its own ORPHAN_REF issues from validation’s by the uuid the mapped row still has', () => {
    expect(s.clearImportOrphanIssues).toContain(`(i.column_name = 'CustomerID' AND m."customer_id" IS NOT NULL) OR (i.column_name = 'SaddleID' AND m."model_id" IS NOT NULL)`)
  })

  it('has no orphan statements for a table without references', () => {
    const b = importStatements(brands)
    expect(b.orphanIssues).toBeNull()
    expect(b.clearImportOrphanIssues).toBeNull()
    expect(b.upsert(range)).not.toContain('LEFT JOIN')
  })

  it('rolls back by legacy id', () => {
    expect(s.deleteImported).toBe('DELETE FROM "orders" t USING "staging_ab"."mapped__orders" m WHERE t."legacy_id" = m."legacy_id"')
  })

  it('casts a value into an enumeration of the target, and nothing else', () => {
    const sql = importStatements({ ...orders, columns: [...orders.columns, 'status'], casts: new Map([['status', 'order_status_enum']]) }).upsert(range)
    expect(sql).toContain('m."status"::order_status_enum AS "status"')
    expect(sql).toContain('m."total_amount", ')
  })

  it('tells a changed row through jsonb where the target column is json (json has no equality)', () => {
    const sql = importStatements({ ...orders, compareAs: new Map([['total_amount', 'jsonb']]) }).upsert(range)
    expect(sql).toContain('t."total_amount"::jsonb) IS DISTINCT FROM (EXCLUDED."customer_id", EXCLUDED."legacy_customer_id", EXCLUDED."model_id", EXCLUDED."legacy_saddle_id", EXCLUDED."total_amount"::jsonb)')
  })
})

describe('importStatements of a table whose rows may be linked to existing rows (users)', () => {
  const users: ImportPlan = {
    legacyTable: 'Credentials',
    targetTable: 'users',
    stagingSchema: 'staging_ab',
    mappedTable: '"staging_ab"."mapped__users"',
    columns: ['id', 'legacy_id', 'email', 'role_id', 'legacy_role_id'],
    references: [{ reference: referencesOf('Credentials')[0], targetTable: 'roles' }],
    linked: true,
  }
  const s = importStatements(users)

  it('gives a linked row only its legacy id and legacy halves, and inserts only the others', () => {
    expect(s.linkExisting!(range)).toBe(`UPDATE "users" AS t SET "legacy_id" = m."legacy_id", "legacy_role_id" = m."legacy_role_id"
FROM "staging_ab"."mapped__users" m
WHERE t."id" = m."_link_id" AND m._row > 5000 AND m._row <= 10007
  AND (t."legacy_id", t."legacy_role_id") IS DISTINCT FROM (m."legacy_id", m."legacy_role_id")`)
    expect(s.upsert(range)).toContain('AND m."_link_id" IS NULL')
    expect(s.orphanIssues!(range)).toContain('AND m."_link_id" IS NULL')
  })

  it('rolls back by deleting the inserted rows and unlinking the linked ones, which stay', () => {
    expect(s.deleteImported).toContain('AND m."_link_id" IS NULL')
    expect(s.unlinkExisting).toBe(`UPDATE "users" AS t SET "legacy_id" = NULL, "legacy_role_id" = NULL
FROM "staging_ab"."mapped__users" m
WHERE t."id" = m."_link_id" AND t."legacy_id" = m."legacy_id"`)
  })

  it('links nothing in a table without linked rows', () => {
    expect(importStatements(orders).linkExisting).toBeNull()
    expect(importStatements(orders).unlinkExisting).toBeNull()
  })
})
