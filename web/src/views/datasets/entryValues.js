// The entry form's inputs and the API's values: money fields (unit "yuan", integer fen) are typed
// as text in the money unit and converted with exact BigInt arithmetic (utils/money.js); every
// other field is typed as a whole number. Plain functions, tested with `node --test src/views/datasets/`.
import { fenToInput, parseMoney } from '../../utils/money.js'

// The largest value the server takes for a field (10^15: fen of 10 trillion yuan).
export const MAX_VALUE = 10 ** 15

export const isMoney = (field) => field.unit === 'yuan'

// The form's fields → {inputs: {key: text}, orig: {key: {text, fen}}}. `orig`
// keeps each amount as loaded, so one left untouched goes back exactly even where its text in
// `unit` would have more decimals than can be typed (亿元).
export function inputsFrom(fields, unit) {
  const inputs = {}
  const orig = {}
  for (const f of fields) {
    const v = f.value ?? null
    if (isMoney(f)) {
      const text = v === null ? '' : fenToInput(v, unit)
      inputs[f.key] = text
      orig[f.key] = { text, fen: v }
    } else {
      inputs[f.key] = v === null ? '' : String(v)
    }
  }
  return { inputs, orig }
}

const blank = (v) => v === null || v === undefined || String(v).trim() === ''

// A typed whole number: full-width digits, spaces and thousands separators allowed; else null.
function wholeNumber(text) {
  const s = String(text)
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,\uff0c_]/g, '')
  return /^\d+$/.test(s) ? Number(s) : null
}

// The inputs → {values: {key: integer | null}, errors: {key: code}}: codes are parseMoney's
// ('format', 'decimals', 'negative', 'range') and, for whole numbers, 'integer' and 'range'.
export function valuesFrom(fields, inputs, orig, unit) {
  const values = {}
  const errors = {}
  for (const f of fields) {
    const v = inputs[f.key]
    if (blank(v)) {
      values[f.key] = null
      continue
    }
    if (isMoney(f)) {
      const o = orig[f.key]
      if (o && v === o.text && o.fen !== null) {
        values[f.key] = o.fen
        continue
      }
      const r = parseMoney(v, unit)
      if (r.error) errors[f.key] = r.error
      else if (r.fen > MAX_VALUE) errors[f.key] = 'range'
      else values[f.key] = r.fen
      continue
    }
    const n = wholeNumber(v)
    if (n === null) errors[f.key] = 'integer'
    else if (n > MAX_VALUE) errors[f.key] = 'range'
    else values[f.key] = n
  }
  return { values, errors }
}

// Re-expresses the money inputs typed in `from` in `to` (the navbar's unit changed): untouched
// amounts from their loaded fen, typed ones when they parse; anything else stays as typed.
export function rebaseMoney(fields, inputs, orig, from, to) {
  for (const f of fields) {
    if (!isMoney(f)) continue
    const o = orig[f.key]
    const text = inputs[f.key]
    if (o && text === o.text) {
      o.text = o.fen === null ? '' : fenToInput(o.fen, to)
      inputs[f.key] = o.text
      continue
    }
    if (blank(text)) continue
    const r = parseMoney(text, from)
    if (!r.error) inputs[f.key] = fenToInput(r.fen, to)
  }
}

// Whether the inputs say something else than the loaded values (errors count as changes).
export function changed(fields, inputs, orig, unit) {
  const { values, errors } = valuesFrom(fields, inputs, orig, unit)
  if (Object.keys(errors).length) return true
  return fields.some((f) => (values[f.key] ?? null) !== (f.value ?? null))
}
