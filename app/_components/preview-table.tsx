'use client'

import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table'
import { useRouter } from 'next/navigation'
import { useEffect, useMemo, useRef, useTransition } from 'react'
import type { PreviewCell, PreviewRow, TablePreview } from '@/lib/preview/get-table-preview'
import { formatBytes, formatCount } from './format'
import { IssueTip } from './issue-tip'
import { previewHref, type PreviewQuery } from './preview-href'

// The preview grid: @tanstack/react-table v9 in manual mode. PostgreSQL pages, sorts and filters
// (lib/preview); the table owns the column model and the sorting/pagination state, which it hands
// back as a new URL — the server renders the next page. Cells with a problem are marked and explain
// themselves on hover and focus.

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature })
const helper = createColumnHelper<typeof features, PreviewRow>()

export interface PreviewTableProps {
  preview: Pick<TablePreview, 'legacyTable' | 'targetTable' | 'columns' | 'rows' | 'total' | 'totalCapped' | 'page' | 'pageSize' | 'pageCount' | 'applied' | 'jump'>
  base: string
  query: PreviewQuery
  view: 'both' | 'legacy' | 'target'
}

interface ColumnMeta {
  /** first column of the legacy or the target group: a separating line */
  first?: boolean
  /** stays in view while scrolling sideways */
  pin?: 1 | 2
}

const sortParam = (sorting: SortingState): string | null => {
  const first = sorting[0]
  if (!first) return null
  const name = first.id === 'row' ? '_row' : first.id.replace(/^l:/, '')
  return `${first.desc ? '-' : ''}${name}`
}

export function PreviewTable({ preview, base, query, view }: PreviewTableProps) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const highlight = useRef<HTMLTableRowElement>(null)
  const navigate = (next: PreviewQuery) => startTransition(() => router.push(previewHref(base, { ...query, jump: null, ...next }), { scroll: false }))

  const sorting: SortingState = useMemo(() => {
    const { sort, descending } = preview.applied
    if (sort === '_row' && !descending) return []
    return [{ id: sort === '_row' ? 'row' : `l:${sort}`, desc: descending }]
  }, [preview.applied])
  const pagination: PaginationState = useMemo(() => ({ pageIndex: preview.page - 1, pageSize: preview.pageSize }), [preview.page, preview.pageSize])

  const legacyNames = preview.columns.legacy.map((c) => `${c.name}:${c.kind}`).join(',')
  const targetNames = preview.columns.target.map((c) => `${c.name}:${c.kind}`).join(',')
  const columns = useMemo(() => {
    const issuesIn = (row: PreviewRow, column: string) => row.issues.filter((i) => i.column === column)
    const legacy = helper.group({
      id: 'legacy',
      header: `Legacy · ${preview.legacyTable}`,
      columns: helper.columns(preview.columns.legacy.map((c, i) =>
        helper.accessor((row) => row.legacy[c.name], {
          id: `l:${c.name}`,
          header: c.drift ? `${c.name} (drift)` : c.name,
          enableSorting: c.kind !== 'secret' && c.kind !== 'binary',
          meta: { first: i === 0 },
          cell: (ctx) => {
            const row = ctx.row.original
            const issues = issuesIn(row, c.name)
            const content = <CellValue cell={ctx.getValue() as PreviewCell} />
            return issues.length ? (
              <IssueTip issues={issues} label={`${c.name}: ${issues.map((x) => x.code).join(', ')}`}>
                {content}
              </IssueTip>
            ) : (
              content
            )
          },
        }),
      )),
    })
    const target = helper.group({
      id: 'target',
      header: `Target · ${preview.targetTable ?? '—'}`,
      columns: helper.columns(preview.columns.target.map((c, i) =>
        helper.accessor((row) => row.target?.[c.name] ?? null, {
          id: `t:${c.name}`,
          header: c.name,
          enableSorting: false,
          meta: { first: i === 0 },
          cell: (ctx) => {
            const row = ctx.row.original
            if (row.target === null) return i === 0 ? <span className="null">{row.status === 'rejected' ? 'rejected — not written' : 'not validated'}</span> : null
            return <CellValue cell={ctx.getValue() as PreviewCell} />
          },
        }),
      )),
    })
    return helper.columns([
      helper.accessor((row) => row.rowNumber, {
        id: 'row',
        header: '#',
        enableSorting: true,
        meta: { pin: 1 },
        cell: (ctx) => <span className="muted">{formatCount(ctx.getValue() as number)}</span>,
      }),
      helper.display({
        id: 'status',
        header: 'Issues',
        meta: { pin: 2 },
        cell: (ctx) => <RowStatus row={ctx.row.original} />,
      }),
      ...(view === 'target' ? [] : [legacy]),
      ...(view === 'legacy' || preview.columns.target.length === 0 ? [] : [target]),
    ])
    // The column model changes only with the table's columns and the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [legacyNames, targetNames, view, preview.legacyTable, preview.targetTable])

  const table = useTable({
    features,
    columns,
    data: preview.rows,
    getRowId: (row) => String(row.rowNumber),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    rowCount: preview.total,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater
      navigate({ sort: sortParam(next), page: 1 })
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater
      navigate({ page: next.pageSize !== pagination.pageSize ? 1 : next.pageIndex + 1, size: next.pageSize })
    },
  })

  useEffect(() => {
    if (preview.jump?.rowNumber && highlight.current) {
      highlight.current.scrollIntoView({ block: 'center' })
      highlight.current.focus()
    }
  }, [preview.jump?.rowNumber, preview.page])

  return (
    <div className="stack" aria-busy={pending}>
      <Pager table={table} preview={preview} pending={pending} />
      <div className="table-scroll" style={{ opacity: pending ? 0.6 : 1, transition: 'opacity .15s' }}>
        <table className="data" aria-label={`Rows of ${preview.legacyTable}`} aria-rowcount={preview.total}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const isGroup = header.subHeaders.length > 0 || header.isPlaceholder
                  const meta = header.column.columnDef.meta as ColumnMeta | undefined
                  const sorted = header.column.getIsSorted()
                  const pinned = !isGroup && meta?.pin ? ` pin-${meta.pin}` : ''
                  return (
                    <th
                      key={header.id}
                      colSpan={header.colSpan}
                      className={`${isGroup && !header.isPlaceholder ? 'group' : ''}${!isGroup && meta?.first ? ' first-of-group' : ''}${pinned}`}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      scope="col"
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() && !isGroup ? (
                        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()} title={`Sort by ${header.column.id.replace(/^l:/, '')}`}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : isGroup ? (
                        <span className="group-label">
                          <table.FlexRender header={header} />
                        </span>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const isJump = preview.jump?.rowNumber === row.original.rowNumber
              return (
                <tr
                  key={row.id}
                  ref={isJump ? highlight : undefined}
                  tabIndex={isJump ? -1 : undefined}
                  className={isJump ? 'highlight' : undefined}
                  data-testid={`preview-row-${row.original.legacyId ?? `row${row.original.rowNumber}`}`}
                  data-status={row.original.status}
                >
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as ColumnMeta | undefined
                    const className = [meta?.first ? 'first-of-group' : '', meta?.pin ? `pin-${meta.pin}` : ''].filter(Boolean).join(' ')
                    return (
                      <td key={cell.id} className={className || undefined}>
                        <table.FlexRender cell={cell} />
                      </td>
                    )
                  })}
                </tr>
              )
            })}
            {preview.rows.length === 0 ? (
              <tr>
                <td colSpan={table.getAllLeafColumns().length} className="muted">
                  No rows match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager table={table} preview={preview} pending={pending} />
    </div>
  )
}

function Pager({ table, preview, pending }: { table: ReturnType<typeof useTable<typeof features, PreviewRow>>; preview: PreviewTableProps['preview']; pending: boolean }) {
  const first = preview.total === 0 ? 0 : (preview.page - 1) * preview.pageSize + 1
  const last = Math.min(preview.total, preview.page * preview.pageSize)
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn small" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage() || pending}>
        « First
      </button>
      <button type="button" className="btn small" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage() || pending}>
        ‹ Previous
      </button>
      <span className="muted">
        Rows {formatCount(first)}–{formatCount(last)} of {formatCount(preview.total)}
        {preview.totalCapped ? '+' : ''} · page {formatCount(preview.page)} of {formatCount(preview.pageCount)}
        {preview.totalCapped ? '+' : ''}
      </span>
      <button type="button" className="btn small" onClick={() => table.nextPage()} disabled={(!table.getCanNextPage() && !preview.totalCapped) || pending}>
        Next ›
      </button>
      <button type="button" className="btn small" onClick={() => table.lastPage()} disabled={!table.getCanNextPage() || preview.totalCapped || pending}>
        Last »
      </button>
      <label className="row small" style={{ gap: 6 }}>
        <span className="muted">Rows per page</span>
        <select value={preview.pageSize} onChange={(e) => table.setPageSize(Number(e.currentTarget.value))} disabled={pending}>
          {[25, 50, 100, 200].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {pending ? <span className="muted small" role="status">Loading…</span> : null}
    </nav>
  )
}

function RowStatus({ row }: { row: PreviewRow }) {
  if (row.issues.length === 0) return <span className="badge ok">ok</span>
  const errors = row.issues.filter((i) => i.severity === 'error').length
  const warnings = row.issues.length - errors
  const label = errors ? `rejected: ${errors} error${errors > 1 ? 's' : ''}` : `${warnings} warning${warnings > 1 ? 's' : ''}`
  return (
    <IssueTip issues={row.issues} label={label}>
      <span className="nowrap small">{label}</span>
    </IssueTip>
  )
}

function CellValue({ cell }: { cell: PreviewCell }) {
  if (cell === null || cell === undefined) return <span className="null">NULL</span>
  if (typeof cell === 'string') {
    if (cell === '') return <span className="null">empty</span>
    return (
      <span className="cell" title={cell.length > 40 ? cell : undefined}>
        {cell}
      </span>
    )
  }
  if (cell.binary) {
    return (
      <span className="cell mono" title={`${cell.bytes} bytes`}>
        0x{cell.text}
        {cell.truncated ? '…' : ''} <span className="muted">({formatCount(cell.bytes)} B)</span>
      </span>
    )
  }
  return (
    <span className="cell" title={`${cell.text}… (${formatBytes(cell.bytes)} in all)`}>
      {cell.text}… <span className="muted">({formatBytes(cell.bytes)})</span>
    </span>
  )
}
