'use client'

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from './format'

// The two charts of the reconciliation page (recharts). The same figures are in the tables beside
// them, which is what a screen reader reads; the charts are for seeing at a glance.

const LEGACY = '#5d6778'
const MIGRATED = '#2f5bd3'

export function RowsPerTableChart({ data }: { data: { table: string; source: number; imported: number }[] }) {
  return (
    <figure className="chart" style={{ height: Math.max(260, data.length * 26 + 60), margin: 0 }} aria-label="Rows per table: source against imported">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barGap={1}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" scale="sqrt" domain={[0, 'auto']} tickFormatter={(v: number) => formatCount(v)} fontSize={12} />
          <YAxis type="category" dataKey="table" width={150} fontSize={12} interval={0} />
          <Tooltip formatter={(value) => formatCount(Number(value))} />
          <Legend />
          <Bar dataKey="source" name="Source rows (staged)" fill={LEGACY} isAnimationActive={false} />
          <Bar dataKey="imported" name="Imported rows" fill={MIGRATED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}

type MonthPoint = { month: string; source: number; target: number }

/** Every month between the first and the last, empty ones at 0: the axis is time, not a list of labels. */
export function fillMonths(data: MonthPoint[]): MonthPoint[] {
  if (data.length < 2) return data
  const sorted = [...data].sort((a, b) => a.month.localeCompare(b.month))
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
  const first = index(sorted[0].month)
  const last = index(sorted[sorted.length - 1].month)
  if (last - first > 1200) return sorted
  const byMonth = new Map(sorted.map((d) => [d.month, d]))
  const filled: MonthPoint[] = []
  for (let i = first; i <= last; i++) {
    const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
    filled.push(byMonth.get(month) ?? { month, source: 0, target: 0 })
  }
  return filled
}

export function OrdersPerMonthChart({ data: raw }: { data: MonthPoint[] }) {
  const data = fillMonths(raw)
  return (
    <figure className="chart" style={{ margin: 0 }} aria-label="Orders per month: legacy against migrated">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" fontSize={12} minTickGap={24} />
          <YAxis allowDecimals={false} fontSize={12} tickFormatter={(v: number) => formatCount(v)} />
          <Tooltip formatter={(value) => formatCount(Number(value))} />
          <Legend />
          <Line type="monotone" dataKey="source" name="Legacy orders" stroke={LEGACY} strokeWidth={3} dot={data.length < 40} isAnimationActive={false} />
          <Line type="monotone" dataKey="target" name="Migrated orders" stroke={MIGRATED} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
