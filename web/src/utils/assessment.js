// Assessment (考核) values as the pages show them: points kept in hundredths by the server
// (1000 = 10 points) as exact decimal text, grades as tag colours, and a template's items with
// their section.
import { MISSING } from './analytics.js'
import { fenToInput, parseMoney } from './money.js'

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

// --- Editing a template: an item as the form holds it, and back ---

// x (a number of points or percent, up to 2 decimals) in hundredths: 7.5 → 750.
export function toHundredths(x) {
  return Math.round(Number(x) * 100)
}

// The form's copy of `item`: points and shares as plain numbers (7.5 points, 120 %), the fixed
// target as text in the indicator's unit (money in `moneyUnit`, percent as percent).
export function itemToDraft(item, unit, moneyUnit) {
  let targetText = ''
  if (item.target) {
    if (unit === 'yuan') targetText = fenToInput(item.target, moneyUnit)
    else if (unit === 'percent') targetText = String(item.target / 100)
    else targetText = String(item.target)
  }
  return {
    ...item,
    pointsN: item.points / 100,
    factorP: item.factor_permille / 10,
    capP: item.cap_permille / 10,
    thresholdP: item.threshold_permille / 10,
    floorP: item.floor_permille / 10,
    targetText,
  }
}

// The item a draft stands for, or {error: 'target'} when its fixed target does not read as a
// number of the indicator's unit (the server checks the rest and names what is wrong).
export function draftToItem(draft, unit, moneyUnit) {
  let target = 0
  const text = String(draft.targetText ?? '').trim()
  if (draft.target_source === 'fixed' && draft.rule !== 'rank' && draft.rule !== 'manual' && text !== '') {
    if (unit === 'yuan') {
      const m = parseMoney(text, moneyUnit)
      if (m.error) return { error: 'target' }
      target = m.fen
    } else if (/^\d+(\.\d{1,2})?$/.test(text) && unit === 'percent') {
      target = toHundredths(text)
    } else if (/^\d+$/.test(text)) {
      target = Number(text)
    } else {
      return { error: 'target' }
    }
  }
  const { pointsN, factorP, capP, thresholdP, floorP, targetText, ...rest } = draft
  return {
    item: {
      ...rest,
      indicator: draft.rule === 'manual' ? '' : draft.indicator,
      points: toHundredths(pointsN),
      target,
      factor_permille: Math.round(Number(factorP) * 10),
      cap_permille: Math.round(Number(capP) * 10),
      threshold_permille: Math.round(Number(thresholdP) * 10),
      floor_permille: Math.round(Number(floorP) * 10),
    },
  }
}
