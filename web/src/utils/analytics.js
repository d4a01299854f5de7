// Indicator figures (GET /api/v1/analytics/*) for the dashboard and the pivot page: cells to text
// and chart numbers by unit, year-on-year change, periods and pivot columns.
// Values are integers in the indicator's unit: fen for money ("yuan"), hundredths of a percent
// for "percent"; null is missing, never zero.
import { formatFen, fenToNumber } from './money.js'

export const MISSING = '—'

// The dashboard's key indicators, in card order.
export const KEY_INDICATORS = [
  'fund_disbursement', 'placement_persons', 'projects', 'consumption_sales', 'enterprises_landed', 'cadres',
]

// The first year the platform has figures for (苏陕协作's current round started in 2017).
export const FIRST_YEAR = 2017

// FIRST_YEAR..current, newest first.
export function yearsUpTo(current) {
  const out = []
  for (let y = current; y >= FIRST_YEAR; y--) out.push(y)
  return out
}

// A cell's value, or null when missing (no cell, or a cell without data).
export function cellValue(cell) {
  if (!cell || cell.value === null || cell.value === undefined) return null
  return cell.value
}

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

// An integer in hundredths → '12.34' (exact, no float).
function hundredths(v) {
  const neg = v < 0
  const abs = Math.abs(Math.trunc(v))
  const text = `${group(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`
  return neg ? `-${text}` : text
}

// A value as text in its unit: money in `moneyUnit` (at most 2 decimals, 4 in 亿元; none when whole),
// percent with 2 decimals, counts grouped by thousands; MISSING for null.
export function formatValue(value, unit, moneyUnit = 'wan') {
  if (value === null || value === undefined) return MISSING
  if (unit === 'yuan') return formatFen(value, moneyUnit, { minDecimals: 0, maxDecimals: moneyUnit === 'yi' ? 4 : 2 })
  if (unit === 'percent') return hundredths(value)
  const n = Math.trunc(Number(value))
  return n < 0 ? `-${group(String(-n))}` : group(String(n))
}

// The number a chart draws for a value (money in `moneyUnit`, percent as percent); null stays null.
export function chartNumber(value, unit, moneyUnit = 'wan') {
  if (value === null || value === undefined) return null
  if (unit === 'yuan') return fenToNumber(value, moneyUnit)
  if (unit === 'percent') return value / 100
  return Number(value)
}

// The unit shown beside a value: the money unit's label for money, '%' for percent, else
// `label` (the unit in the UI language) or the indicator's own unit_label (人, 个…).
export function unitText(indicator, moneyLabel, label = '') {
  if (!indicator) return ''
  if (indicator.unit === 'yuan') return moneyLabel
  if (indicator.unit === 'percent') return '%'
  return label || indicator.unit_label || ''
}

// Change from `prev` to `cur` in percent, or null when either is missing or prev is 0.
export function changePercent(cur, prev) {
  if (cur === null || cur === undefined || prev === null || prev === undefined || prev === 0) return null
  return ((cur - prev) / Math.abs(prev)) * 100
}

// '+12.3%', '-4.0%', '0.0%' or MISSING.
export function formatChange(pct) {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return MISSING
  const text = `${Math.abs(pct).toFixed(1)}%`
  if (text === '0.0%') return text
  return pct > 0 ? `+${text}` : `-${text}`
}

// The ?period (and ?since) of a query from the page's choice:
// {kind: 'year'|'quarter'|'month'|'since', year, quarter, month, since}.
export function periodQuery(p) {
  const y = String(p.year)
  switch (p.kind) {
    case 'quarter': return { period: `${y}Q${p.quarter}` }
    case 'month': return { period: `${y}-${String(p.month).padStart(2, '0')}` }
    case 'since': return { period: y, since: p.since }
    default: return { period: y }
  }
}

// The pivot's value columns: per indicator its total, then (with breakdown) one per option the
// server sent a cell for. Each is {key, k (indicator index), o (cell index), indicator, option}.
export function pivotColumns(indicators, breakdown) {
  const out = []
  indicators.forEach((indicator, k) => {
    out.push({ key: `${k}-0`, k, o: 0, indicator, option: null })
    if (!breakdown) return
    ;(indicator.options || []).forEach((option, i) => {
      out.push({ key: `${k}-${i + 1}`, k, o: i + 1, indicator, option })
    })
  })
  return out
}

// The value of column `col` in a table row ({values: [[cell…]…]}), or null.
export function rowValue(row, col) {
  const cells = (row && row.values && row.values[col.k]) || []
  return cellValue(cells[col.o])
}

// Rows sorted by their k-th indicator's total, largest first, missing last; ties by code.
export function rankRows(rows, k = 0) {
  const v = (r) => cellValue(((r.values || [])[k] || [])[0])
  return [...rows].sort((a, b) => {
    const va = v(a)
    const vb = v(b)
    if (va === null && vb === null) return String(a.code).localeCompare(String(b.code))
    if (va === null) return 1
    if (vb === null) return -1
    return vb - va || String(a.code).localeCompare(String(b.code))
  })
}

// Groups indicators by area, keeping the catalogue's order: [{area, items}].
export function groupByArea(indicators) {
  const by = new Map()
  for (const i of indicators) {
    if (!by.has(i.area)) by.set(i.area, [])
    by.get(i.area).push(i)
  }
  return [...by.entries()].map(([area, items]) => ({ area, items }))
}

// The crumbs from the scope region down to `path`'s last region: `path` is the region's
// /regions/{code}/path items (root first); `scopeCode` '' means the whole country.
export function crumbsFrom(path, scopeCode) {
  const items = (path || []).map((p) => ({ code: p.code, name: p.name }))
  if (!scopeCode) return items
  const at = items.findIndex((p) => p.code === scopeCode)
  return at < 0 ? items : items.slice(at)
}
