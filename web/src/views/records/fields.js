// How the record pages read a kind's field descriptions (docs/api/records.md): which fields are
// listed, filtered, shown and typed how, and how a value is shown as text.
import { formatFen, parseMoney } from '@/utils/money.js'

// Keys the server adds to every record; history diffs skip them.
export const META_KEYS = new Set(['id', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by'])

// Fields that take a whole row in the form.
const WIDE_TYPES = new Set(['textarea', 'region_list'])
export const isWide = (f) => WIDE_TYPES.has(f.type)

// The kind a `ref` field points at: its `ref` attribute, else the key without `_id`
// (project_id → project).
export function refKindOf(field) {
  return field.ref || field.ref_kind || String(field.key).replace(/_id$/, '')
}

export const listFields = (kind) => (kind?.fields || []).filter((f) => f.list)
export const containsFields = (kind) => (kind?.fields || []).filter((f) => f.filter === 'contains')
// Fields with their own control in the search form (`contains` ones share the q box; the
// record's own region_code is the list's subtree filter, see hasRegionFilter).
export const filterFields = (kind) => (kind?.fields || [])
  .filter((f) => (f.filter === 'exact' || f.filter === 'range') && f.key !== 'region_code')
// Kinds with a region_code (own or derived from the parent) take ?region_code= (a subtree).
export const hasRegionFilter = (kind) => (kind?.fields || []).some((f) => f.key === 'region_code')
// Fields the form edits: not those the server derives (a child's region and pairing).
export const formFields = (kind) => (kind?.fields || []).filter((f) => !f.derived)
export const totalFields = (kind) => (kind?.fields || []).filter((f) => f.total)

export function optionLabel(field, value) {
  const o = (field.options || []).find((x) => String(x.value) === String(value))
  return o ? o.label : ''
}

function groupDigits(n) {
  const s = String(n)
  return /^-?\d+$/.test(s) ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s
}

// The text for field `f` of `row` (a record, or a history before/after object): money in
// `unit`, enums by their option label, regions/refs/institutions by row._labels, percent with %,
// bool as yes/no. `t` is vue-i18n's t.
export function displayValue(f, row, { t, unit }) {
  if (!row) return ''
  const v = row[f.key]
  const label = row._labels && row._labels[f.key]
  if (v === null || v === undefined || v === '') return label ? String(label) : ''
  switch (f.type) {
    case 'money': return formatFen(v, unit)
    case 'percent': return `${v}%`
    case 'bool': return v ? t('common.yes') : t('common.no')
    case 'int': return groupDigits(v)
    case 'enum': return optionLabel(f, v) || (label ? String(label) : String(v))
    case 'region_list':
      if (Array.isArray(label)) return label.join('、')
      if (label) return String(label)
      return Array.isArray(v) ? v.join('、') : String(v)
    case 'region': case 'ref': case 'institution':
      return label ? String(label) : String(v)
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
}

// A record's title: its title_field (or that field's label), else '#id'.
export function recordTitle(kind, row) {
  if (!row) return ''
  const key = kind?.title_field
  const label = key && row._labels && row._labels[key]
  const v = key ? row[key] : undefined
  if (v !== undefined && v !== null && v !== '' && typeof v !== 'object') return label ? String(label) : String(v)
  if (label) return String(label)
  return row.id !== undefined ? `#${row.id}` : ''
}

// Flags the UI knows how to name; others show their key.
export const KNOWN_FLAGS = ['overdue']
export const activeFlags = (row) => Object.entries((row && row._flags) || {}).filter(([, on]) => on).map(([k]) => k)

// How a range field is filtered: 'dates' (one date-range picker), 'money' (two amounts typed in
// the money unit), 'number' (two number inputs), 'year' (two year selects) or 'text'.
export function rangeStyle(f) {
  if (f.type === 'date') return 'dates'
  if (f.type === 'money') return 'money'
  if (f.type === 'year') return 'year'
  if (f.type === 'int' || f.type === 'percent') return 'number'
  return 'text'
}

// The search form's blank state for `kind`: q plus one entry per filter control.
export function emptyFilters(kind) {
  const out = { q: '' }
  if (hasRegionFilter(kind)) out.region_code = null
  for (const f of filterFields(kind)) {
    if (f.filter === 'range' && rangeStyle(f) !== 'dates') {
      out[`${f.key}_from`] = null
      out[`${f.key}_to`] = null
    } else {
      out[f.key] = null
    }
  }
  return out
}

const blank = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

// Search form state → list query parameters ({q, field, field_from, field_to}); money typed in
// `unit` becomes fen. Returns {query, errors: {param: parseMoney error}}.
export function filterQuery(kind, filters, unit) {
  const query = {}
  const errors = {}
  const q = (filters.q || '').trim()
  if (q) query.q = q
  if (hasRegionFilter(kind) && !blank(filters.region_code)) query.region_code = filters.region_code
  for (const f of filterFields(kind)) {
    if (f.filter === 'exact') {
      const v = filters[f.key]
      if (!blank(v)) query[f.key] = Array.isArray(v) ? v.join(',') : v
      continue
    }
    const style = rangeStyle(f)
    if (style === 'dates') {
      const v = filters[f.key]
      if (Array.isArray(v) && v.length === 2) {
        if (v[0]) query[`${f.key}_from`] = v[0]
        if (v[1]) query[`${f.key}_to`] = v[1]
      }
      continue
    }
    for (const end of ['from', 'to']) {
      const param = `${f.key}_${end}`
      const v = filters[param]
      if (blank(v)) continue
      if (style === 'money') {
        const r = parseMoney(v, unit)
        if (r.error) errors[param] = r.error
        else query[param] = r.fen
      } else {
        query[param] = typeof v === 'string' ? v.trim() : v
      }
    }
  }
  return { query, errors }
}
