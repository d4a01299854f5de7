// Periods, region paths and workflow states of the data-entry pages, as plain functions (no Vue)
// so they are tested with Node's runner: `node --test src/views/datasets/`.
// Periods are the server's text: a year '2021', a quarter '2021Q3', a month '2021-03'
// (src/model/dataset.h).

export const PERIOD_TYPES = ['year', 'quarter', 'month']

const PER_YEAR = { year: 1, quarter: 4, month: 12 }

// {type, year, index} → '2021' | '2021Q3' | '2021-03'; index is 0 for a year.
export function formatPeriod({ type, year, index }) {
  if (type === 'quarter') return `${year}Q${index}`
  if (type === 'month') return `${year}-${String(index).padStart(2, '0')}`
  return String(year)
}

// '2021' | '2021Q3' | '2021-03' → {type, year, index}, or null when it is none of these.
export function parsePeriod(text) {
  const m = /^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(String(text ?? ''))
  if (!m) return null
  const year = Number(m[1])
  if (m[2]) return { type: 'quarter', year, index: Number(m[2]) }
  if (m[3]) return { type: 'month', year, index: Number(m[3]) }
  return { type: 'year', year, index: 0 }
}

// The period of `type` that `now` falls in (the latest one that exists): 2026-11-30 → '2026Q4'.
export function currentPeriod(type, now = new Date()) {
  const year = now.getFullYear()
  const month = now.getMonth() + 1
  if (type === 'quarter') return formatPeriod({ type, year, index: Math.ceil(month / 3) })
  if (type === 'month') return formatPeriod({ type, year, index: month })
  return String(year)
}

// Every period of `type` in `year`, in order.
export function periodsOfYear(type, year) {
  const n = PER_YEAR[type] || 1
  const out = []
  for (let i = 1; i <= n; i++) out.push(formatPeriod({ type, year, index: type === 'year' ? 0 : i }))
  return out
}

// A region's level by the length of its code (2/4/6/9/12 digits); '' for the whole country.
const LEVEL_BY_LENGTH = { 2: 'province', 4: 'city', 6: 'county', 9: 'town', 12: 'village' }
const CODE_LENGTHS = [2, 4, 6, 9, 12]
export function levelOfCode(code) {
  return LEVEL_BY_LENGTH[String(code || '').length] || ''
}
export function codeLength(level) {
  return CODE_LENGTHS.find((n) => LEVEL_BY_LENGTH[n] === level) || 0
}

// The codes from just below `scopeCode` down to `code` ('' scope: from the province), e.g.
// regionPath('611022', '61') → ['6110', '611022']: a lazy cascader's value for `code`.
// [] when `code` is not a region code below the scope.
export function regionPath(code, scopeCode = '') {
  const c = String(code || '')
  const s = String(scopeCode || '')
  if (!/^\d+$/.test(c) || !levelOfCode(c) || !c.startsWith(s) || c.length <= s.length) return []
  return CODE_LENGTHS.filter((n) => n > s.length && n <= c.length).map((n) => c.slice(0, n))
}

// The date ('YYYY-MM-DD') of the last day a deadline allows: `deadlineAt` (seconds) is the
// instant it passes, the midnight in Beijing (UTC+8) after that day.
export function deadlineDay(deadlineAt) {
  if (!Number.isFinite(deadlineAt)) return ''
  return new Date((deadlineAt + 8 * 3600 - 1) * 1000).toISOString().slice(0, 10)
}

// The el-tag type of a submission status (or 'missing' for none).
export function statusTagType(status, overdue = false) {
  if (overdue) return 'danger'
  return { approved: 'success', submitted: 'primary', returned: 'warning', draft: 'info' }[status] || 'info'
}

// Where a form stands in its el-steps (the entering region first, then each approving level):
// {active, processStatus}. A returned form is back at its region, in error.
export function stepsState(status, approvals, levels) {
  if (status === 'approved') return { active: levels + 1, processStatus: 'success' }
  if (status === 'submitted') return { active: 1 + approvals, processStatus: 'process' }
  if (status === 'returned') return { active: 0, processStatus: 'error' }
  return { active: 0, processStatus: 'process' }
}

// The first indicator code an expression names ('fund_expenditure <= fund_disbursement' →
// 'fund_expenditure'): the terms of a rule share one unit, so this one gives it.
export function firstIndicator(expression) {
  const m = /[a-z][a-z0-9_]*/.exec(String(expression || ''))
  return m ? m[0] : ''
}
