// Checks for utils/money.js with Node's built-in runner, no extra packages:
//   cd web && npm run test:unit        (node --test src/utils/)
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatFen, fenToInput, fenToNumber, parseMoney, unitDecimals } from './money.js'

test('formatFen shows fen in 元 / 万元 / 亿元 with separators, exactly', () => {
  assert.equal(formatFen(9806000000, 'wan'), '9,806.00') // 000: 9,806万
  assert.equal(formatFen(9806000000, 'yi'), '0.9806')
  assert.equal(formatFen(9806000000, 'yuan'), '98,060,000.00')
  assert.equal(formatFen(9965110000, 'wan'), '9,965.11') // 003: 9,965.11万
  assert.equal(formatFen(123456789, 'wan'), '123.456789')
  assert.equal(formatFen(1, 'yi'), '0.0000000001') // 1 fen = 1e-10 亿
  assert.equal(formatFen(1, 'yuan'), '0.01')
  assert.equal(formatFen(-150, 'yuan'), '-1.50')
  assert.equal(formatFen(0, 'wan'), '0.00')
  assert.equal(formatFen('9007199254740993', 'yuan'), '90,071,992,547,409.93') // beyond 2^53, as text
  assert.equal(formatFen(10n ** 20n, 'yi'), '10,000,000,000.00')
  assert.equal(formatFen(null, 'wan'), '')
  assert.equal(formatFen(undefined, 'wan'), '')
})

test('formatFen rounds half away from zero when asked for fewer decimals', () => {
  assert.equal(formatFen(123456789, 'wan', { maxDecimals: 2 }), '123.46')
  assert.equal(formatFen(123450000, 'wan', { maxDecimals: 2 }), '123.45')
  assert.equal(formatFen(123455000, 'wan', { maxDecimals: 2 }), '123.46')
  assert.equal(formatFen(-123455000, 'wan', { maxDecimals: 2 }), '-123.46')
  assert.equal(formatFen(99999999, 'wan', { maxDecimals: 2 }), '100.00')
  assert.equal(formatFen(4000, 'wan', { maxDecimals: 2 }), '0.00')
  assert.equal(formatFen(-4000, 'wan', { maxDecimals: 2 }), '0.00')
})

test('fenToInput gives plain text that parses back to the same fen', () => {
  for (const unit of ['yuan', 'wan', 'yi']) {
    // 亿元 takes 8 decimals, i.e. whole yuan: only multiples of 100 fen round-trip there.
    const amounts = [0, 1, 99, 100, 12345, 1000000, 123456789, 9806000000, 2000000000000, 9007199254740991]
    for (const fen of amounts.map((f) => (unit === 'yi' ? f - (f % 100) : f))) {
      const text = fenToInput(fen, unit)
      assert.doesNotMatch(text, /,/)
      assert.deepEqual(parseMoney(text, unit), { fen }, `${fen} fen in ${unit} → ${text}`)
    }
  }
  assert.equal(fenToInput(12500000, 'wan'), '12.5')
  assert.equal(fenToInput(100, 'yuan'), '1')
})

test('parseMoney converts typed amounts to integer fen exactly', () => {
  assert.deepEqual(parseMoney('12.5', 'wan'), { fen: 12500000 })
  assert.deepEqual(parseMoney('0.1', 'yuan'), { fen: 10 }) // 0.1 + float would not be exact
  assert.deepEqual(parseMoney('0.29', 'yuan'), { fen: 29 }) // 0.29 * 100 = 28.999999999999996
  assert.deepEqual(parseMoney('1.15', 'wan'), { fen: 1150000 })
  assert.deepEqual(parseMoney('20', 'yi'), { fen: 200000000000 }) // 西川国际慢城 20亿
  assert.deepEqual(parseMoney('0.00000001', 'yi'), { fen: 100 })
  assert.deepEqual(parseMoney('4.25', 'yi'), { fen: 42500000000 })
  assert.deepEqual(parseMoney('49.72', 'yi'), { fen: 497200000000 })
  assert.deepEqual(parseMoney('0.000001', 'wan'), { fen: 1 })
  assert.deepEqual(parseMoney('1,234.56', 'yuan'), { fen: 123456 })
  assert.deepEqual(parseMoney(' ９，８０６．５ ', 'wan'), { fen: 9806500000 })
  assert.deepEqual(parseMoney('.5', 'yuan'), { fen: 50 })
  assert.deepEqual(parseMoney('5.', 'yuan'), { fen: 500 })
  assert.deepEqual(parseMoney('1.500', 'yuan'), { fen: 150 }) // trailing zeros are not precision
  assert.deepEqual(parseMoney('-3', 'yuan', { allowNegative: true }), { fen: -300 })
})

test('parseMoney refuses what is not an amount', () => {
  assert.deepEqual(parseMoney('', 'wan'), { error: 'empty' })
  assert.deepEqual(parseMoney('   ', 'wan'), { error: 'empty' })
  assert.deepEqual(parseMoney('abc', 'wan'), { error: 'format' })
  assert.deepEqual(parseMoney('1e5', 'wan'), { error: 'format' })
  assert.deepEqual(parseMoney('1.2.3', 'wan'), { error: 'format' })
  assert.deepEqual(parseMoney('.', 'wan'), { error: 'format' })
  assert.deepEqual(parseMoney('0.001', 'yuan'), { error: 'decimals' })
  assert.deepEqual(parseMoney('0.0000001', 'wan'), { error: 'decimals' })
  assert.deepEqual(parseMoney('0.000000001', 'yi'), { error: 'decimals' })
  assert.deepEqual(parseMoney('-3', 'yuan'), { error: 'negative' })
  assert.deepEqual(parseMoney('99999999999999999', 'yuan'), { error: 'range' })
})

test('unit decimals and chart numbers', () => {
  assert.equal(unitDecimals('yuan'), 2)
  assert.equal(unitDecimals('wan'), 6)
  assert.equal(unitDecimals('yi'), 8)
  assert.equal(fenToNumber(9806000000, 'wan'), 9806)
  assert.equal(fenToNumber(12345, 'yuan'), 123.45)
})
