// Assessment (考核) values as the pages show them: points kept in hundredths by the server
// (1000 = 10 points) as exact decimal text, grades as tag colours, and a template's items with
// their section.
import { MISSING } from './analytics.js'

// Hundredths of a point as text without float error: 750 → '7.5', 1000 → '10', 333 → '3.33';
// null → MISSING.
export function pointsText(hundredths) {
  if (hundredths === null || hundredths === undefined) return MISSING
  const n = Math.trunc(Number(hundredths))
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(n)
  const whole = Math.floor(abs / 100)
  const rest = abs % 100
  if (rest === 0) return `${sign}${whole}`
  const frac = String(rest).padStart(2, '0').replace(/0$/, '')
  return `${sign}${whole}.${frac}`
}

// A share given in thousandths (1200) as a percent text ('120').
export function permilleText(permille) {
  return pointsText(Number(permille) * 10)
}

// Element Plus tag type of a grade; '' (plain) for none.
export function gradeTagType(grade) {
  return { good: 'success', fairly_good: 'primary', average: 'warning', poor: 'danger' }[grade] || 'info'
}

// The colour a chart gives a grade (Element Plus palette); grey when there is none.
export function gradeColor(grade) {
  return { good: '#67c23a', fairly_good: '#409eff', average: '#e6a23c', poor: '#f56c6c' }[grade] || '#c0c4cc'
}

// Every item of a template with its section, in order: [{section, item}].
export function templateItems(template) {
  const out = []
  for (const section of (template && template.sections) || []) {
    for (const item of section.items || []) out.push({ section, item })
  }
  return out
}
