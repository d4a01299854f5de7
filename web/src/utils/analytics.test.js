// Checks for utils/analytics.js (node --test src/utils/).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  MISSING, cellValue, formatValue, chartNumber, changePercent, formatChange, periodQuery, pivotColumns,
  rowValue, rankRows, groupByArea, crumbsFrom, yearsUpTo, unitText,
} from './analytics.js'

test('formatValue: money in the chosen unit, percent in hundredths, counts grouped, missing as —', () => {
  assert.equal(formatValue(9806000000, 'yuan', 'wan'), '9,806') // 000: 9,806万
  assert.equal(formatValue(9806000000, 'yuan', 'yi'), '0.9806')
  assert.equal(formatValue(9806000000, 'yuan', 'yuan'), '98,060,000')
  assert.equal(formatValue(9965110000, 'yuan', 'wan'), '9,965.11')
  assert.equal(formatValue(549, 'person'), '549')
  assert.equal(formatValue(30500, 'person'), '30,500')
  assert.equal(formatValue(0, 'count'), '0', 'zero is a value, not missing')
  assert.equal(formatValue(8512, 'percent'), '85.12')
  assert.equal(formatValue(5, 'percent'), '0.05')
  assert.equal(formatValue(null, 'yuan'), MISSING)
  assert.equal(formatValue(undefined, 'person'), MISSING)
})

test('cellValue keeps missing apart from zero', () => {
  assert.equal(cellValue({ value: null, has_data: false }), null)
  assert.equal(cellValue({ value: 0, has_data: true }), 0)
  assert.equal(cellValue(undefined), null)
})

test('chartNumber and unitText', () => {
  assert.equal(chartNumber(9806000000, 'yuan', 'wan'), 9806)
  assert.equal(chartNumber(8512, 'percent'), 85.12)
  assert.equal(chartNumber(null, 'person'), null)
  assert.equal(unitText({ unit: 'yuan', unit_label: '元' }, '万元'), '万元')
  assert.equal(unitText({ unit: 'person', unit_label: '人' }, '万元'), '人')
  assert.equal(unitText({ unit: 'percent', unit_label: '%' }, '万元'), '%')
  assert.equal(unitText({ unit: 'person', unit_label: '人' }, '10k yuan', 'persons'), 'persons')
})

test('changePercent and formatChange: — when last year is missing or zero', () => {
  assert.equal(formatChange(changePercent(450, 200)), '+125.0%') // 001: 4.5亿, 2.25×
  assert.equal(formatChange(changePercent(100, 200)), '-50.0%')
  assert.equal(formatChange(changePercent(100, 100)), '0.0%')
  assert.equal(formatChange(changePercent(100, null)), MISSING)
  assert.equal(formatChange(changePercent(null, 100)), MISSING)
  assert.equal(formatChange(changePercent(100, 0)), MISSING)
})

test('periodQuery spells year, quarter, month and cumulative periods', () => {
  assert.deepEqual(periodQuery({ kind: 'year', year: 2021 }), { period: '2021' })
  assert.deepEqual(periodQuery({ kind: 'quarter', year: 2021, quarter: 3 }), { period: '2021Q3' })
  assert.deepEqual(periodQuery({ kind: 'month', year: 2021, month: 3 }), { period: '2021-03' })
  assert.deepEqual(periodQuery({ kind: 'since', year: 2021, since: 2017 }), { period: '2021', since: 2017 })
})

test('pivotColumns and rowValue: totals, then options with breakdown', () => {
  const placed = { code: 'placement_persons', options: [{ value: 'paired_east' }, { value: 'in_province' }, { value: 'elsewhere' }] }
  const funds = { code: 'fund_disbursement', options: [] }
  assert.deepEqual(pivotColumns([placed, funds], false).map((c) => c.key), ['0-0', '1-0'])
  assert.deepEqual(pivotColumns([placed, funds], true).map((c) => c.key), ['0-0', '0-1', '0-2', '0-3', '1-0'])
  const row = { values: [[{ value: 549 }, { value: 284 }, { value: 214 }, { value: 51 }], [{ value: null }]] }
  const cols = pivotColumns([placed, funds], true)
  assert.deepEqual(cols.map((c) => rowValue(row, c)), [549, 284, 214, 51, null])
})

test('rankRows: largest first, missing last', () => {
  const r = (code, value) => ({ code, values: [[{ value }]] })
  const ranked = rankRows([r('6101', null), r('6110', 549), r('6109', 600), r('6102', 0)])
  assert.deepEqual(ranked.map((x) => x.code), ['6109', '6110', '6102', '6101'])
})

test('groupByArea keeps catalogue order', () => {
  const g = groupByArea([{ code: 'a', area: 'funds' }, { code: 'b', area: 'labour' }, { code: 'c', area: 'funds' }])
  assert.deepEqual(g.map((x) => [x.area, x.items.map((i) => i.code)]), [['funds', ['a', 'c']], ['labour', ['b']]])
})

test('crumbsFrom starts at the scope region', () => {
  const path = [{ code: '61', name: '陕西省' }, { code: '6110', name: '商洛市' }, { code: '611022', name: '丹凤县' }]
  assert.deepEqual(crumbsFrom(path, '6110').map((c) => c.code), ['6110', '611022'])
  assert.deepEqual(crumbsFrom(path, '').map((c) => c.code), ['61', '6110', '611022'])
})

test('yearsUpTo lists years from the current one back to 2017', () => {
  assert.deepEqual(yearsUpTo(2019), [2019, 2018, 2017])
})
