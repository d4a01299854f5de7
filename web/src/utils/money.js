// Money: the API stores integer fen; the UI shows and takes amounts in 元, 万元 or 亿元.
// All conversions are exact string/BigInt arithmetic: no float ever touches an amount that is
// shown or sent (fenToNumber exists only for chart bar heights).

export const MONEY_UNITS = ['yuan', 'wan', 'yi']
export const DEFAULT_MONEY_UNIT = 'wan'

// fen per unit; `exact`: decimals that show any fen amount exactly; `input`: the most decimals
// a typed amount may have (亿元 to 8 places is to the yuan: 0.00000001亿 = 1元).
const SCALE = {
  yuan: { fen: 100n, exact: 2, input: 2 },
  wan: { fen: 1000000n, exact: 6, input: 6 },
  yi: { fen: 10000000000n, exact: 10, input: 8 },
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function scaleOf(unit) {
  return SCALE[unit] || SCALE.yuan
}

export function isMoneyUnit(unit) {
  return Object.prototype.hasOwnProperty.call(SCALE, unit)
}

// The most decimals an amount typed in `unit` may have (2 for 元, 6 for 万元, 8 for 亿元).
export function unitDecimals(unit) {
  return scaleOf(unit).input
}

// Integer fen as BigInt from a bigint, an integer number or a string of digits; null otherwise.
export function toFen(v) {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim())
  return null
}

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const pow10 = (n) => 10n ** BigInt(n)

// Integer fen → text in `unit`, e.g. formatFen(9806000000, 'wan') === '9,806.00'.
// Decimals: at least minDecimals (default 2), at most maxDecimals (default: as many as make
// any fen exact: 2 for 元, 6 for 万元, 10 for 亿元), trailing zeros beyond minDecimals dropped; with fewer decimals it rounds half away
// from zero. '' for null/undefined/''; unparsable input is returned as text.
export function formatFen(fen, unit = DEFAULT_MONEY_UNIT, { minDecimals = 2, maxDecimals, grouping = true } = {}) {
  if (fen === null || fen === undefined || fen === '') return ''
  const v = toFen(fen)
  if (v === null) return String(fen)
  const { fen: perUnit, exact } = scaleOf(unit)
  const maxD = Math.max(0, Math.min(maxDecimals ?? exact, exact))
  const minD = Math.max(0, Math.min(minDecimals, maxD))
  const neg = v < 0n
  const abs = neg ? -v : v
  // abs / perUnit with maxD decimals, rounded half up on the magnitude.
  const scaled = abs * pow10(maxD)
  let q = scaled / perUnit
  if ((scaled % perUnit) * 2n >= perUnit) q += 1n
  const intPart = (q / pow10(maxD)).toString()
  let frac = maxD > 0 ? (q % pow10(maxD)).toString().padStart(maxD, '0') : ''
  while (frac.length > minD && frac.endsWith('0')) frac = frac.slice(0, -1)
  const text = (grouping ? group(intPart) : intPart) + (frac ? `.${frac}` : '')
  return neg && q !== 0n ? `-${text}` : text
}

// Integer fen → the plain text a money input shows for it (no separators, no trailing zeros).
// In 亿元 an amount with fen below the yuan has more decimals than parseMoney takes back; a
// form keeps the original fen while such text is left untouched.
export function fenToInput(fen, unit = DEFAULT_MONEY_UNIT) {
  return formatFen(fen, unit, { minDecimals: 0, grouping: false })
}

// Approximate value in `unit` as a JS number, for chart geometry only.
export function fenToNumber(fen, unit = DEFAULT_MONEY_UNIT) {
  const v = toFen(fen)
  if (v === null) return 0
  return Number(formatFen(v, unit, { minDecimals: 0, grouping: false }))
}

// Normalises what people type: full-width digits and points, spaces, thousands separators.
function normalise(text) {
  return String(text ?? '')
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uff0e\u3002]/g, '.')
    .replace(/[\uff0d\u2212]/g, '-')
    .replace(/[\s,\uff0c_]/g, '')
}

// A typed amount in `unit` → {fen: integer Number} or {error} where error is 'empty', 'format'
// (not a decimal number), 'decimals' (finer than a fen), 'negative' or 'range' (beyond 2^53 fen).
// parseMoney('12.5', 'wan') → {fen: 12500000}; parseMoney('0.001', 'yuan') → {error: 'decimals'}.
export function parseMoney(text, unit = DEFAULT_MONEY_UNIT, { allowNegative = false } = {}) {
  const s = normalise(text)
  if (s === '') return { error: 'empty' }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { error: 'format' }
  const { fen: perUnit, exact, input } = scaleOf(unit)
  const fracText = (m[3] ?? '').replace(/0+$/, '')
  if (fracText.length > input) return { error: 'decimals' }
  const intPart = BigInt(m[2] || '0')
  // The fraction as fen: its digits padded to `exact` places are fen (10^exact fen per unit).
  const fracPart = BigInt((fracText || '0').padEnd(exact, '0'))
  let fen = intPart * perUnit + fracPart
  if (m[1] === '-' && fen !== 0n) {
    if (!allowNegative) return { error: 'negative' }
    fen = -fen
  }
  if (fen > MAX_SAFE || fen < -MAX_SAFE) return { error: 'range' }
  return { fen: Number(fen) }
}
