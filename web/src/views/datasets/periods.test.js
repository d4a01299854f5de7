// Checks for periods.js and entryValues.js with Node's built-in runner:
//   cd web && node --test src/views/datasets/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  currentPeriod, deadlineDay, firstIndicator, formatPeriod, levelOfCode, parsePeriod, periodsOfYear,
  regionPath, stepsState,
} from './periods.js'
import { changed, inputsFrom, rebaseMoney, valuesFrom } from './entryValues.js'

test('periods are parsed, formatted and listed as the server writes them', () => {
  assert.deepEqual(parsePeriod('2026Q4'), { type: 'quarter', year: 2026, index: 4 })
  assert.deepEqual(parsePeriod('2021-03'), { type: 'month', year: 2021, index: 3 })
  assert.deepEqual(parsePeriod('2021'), { type: 'year', year: 2021, index: 0 })
  for (const bad of ['2021Q5', '2021-13', '2021-3', '21', '', null, '2021q1']) assert.equal(parsePeriod(bad), null, bad)
  assert.equal(formatPeriod({ type: 'month', year: 2021, index: 3 }), '2021-03')
  assert.deepEqual(periodsOfYear('quarter', 2026), ['2026Q1', '2026Q2', '2026Q3', '2026Q4'])
  assert.deepEqual(periodsOfYear('year', 2026), ['2026'])
  assert.equal(periodsOfYear('month', 2026).length, 12)
  assert.equal(periodsOfYear('month', 2026)[11], '2026-12')
})

test('the current period is the one today falls in', () => {
  const now = new Date(2026, 10, 30) // 2026-11-30
  assert.equal(currentPeriod('quarter', now), '2026Q4')
  assert.equal(currentPeriod('month', now), '2026-11')
  assert.equal(currentPeriod('year', now), '2026')
  assert.equal(currentPeriod('quarter', new Date(2026, 0, 1)), '2026Q1')
})

test('region paths run from below the scope down to the region', () => {
  assert.deepEqual(regionPath('611022', '61'), ['6110', '611022'])
  assert.deepEqual(regionPath('611022', '6110'), ['611022'])
  assert.deepEqual(regionPath('611022', ''), ['61', '6110', '611022'])
  assert.deepEqual(regionPath('611022', '611022'), [])
  assert.deepEqual(regionPath('320114', '61'), [])
  assert.deepEqual(regionPath('61102', ''), [])
  assert.equal(levelOfCode('6110'), 'city')
  assert.equal(levelOfCode(''), '')
})

test('the deadline day is the day in Beijing before the instant it passes', () => {
  // 2026Q4 with 10 days: passes at 2027-01-11T00:00:00+08:00, which is 2027-01-10T16:00Z.
  assert.equal(deadlineDay(Date.UTC(2027, 0, 10, 16) / 1000), '2027-01-10')
  assert.equal(deadlineDay(undefined), '')
})

test('the approval steps follow the status', () => {
  assert.deepEqual(stepsState('draft', 0, 2), { active: 0, processStatus: 'process' })
  assert.deepEqual(stepsState('submitted', 1, 2), { active: 2, processStatus: 'process' })
  assert.deepEqual(stepsState('approved', 2, 2), { active: 3, processStatus: 'success' })
  assert.deepEqual(stepsState('returned', 0, 2), { active: 0, processStatus: 'error' })
  assert.equal(firstIndicator('fund_expenditure <= fund_disbursement'), 'fund_expenditure')
  assert.equal(firstIndicator(''), '')
})

const FIELDS = [
  { key: 'placement_persons', unit: 'person', value: 549 },
  { key: 'placement_persons.paired_east', unit: 'person', value: null },
  { key: 'fund_allocation', unit: 'yuan', value: 9806000000 },
  { key: 'fund_disbursement', unit: 'yuan', value: 1 },
]

test('money is typed in the unit and sent in fen exactly; counts as whole numbers', () => {
  const { inputs, orig } = inputsFrom(FIELDS, 'wan')
  assert.deepEqual(inputs, { placement_persons: '549', 'placement_persons.paired_east': '', fund_allocation: '9806', fund_disbursement: '0.000001' })
  assert.equal(changed(FIELDS, inputs, orig, 'wan'), false)
  inputs['placement_persons.paired_east'] = '２８４'
  inputs.fund_allocation = '9806.123456'
  const { values, errors } = valuesFrom(FIELDS, inputs, orig, 'wan')
  assert.deepEqual(errors, {})
  assert.deepEqual(values, { placement_persons: 549, 'placement_persons.paired_east': 284, fund_allocation: 9806123456, fund_disbursement: 1 })
  assert.equal(changed(FIELDS, inputs, orig, 'wan'), true)
})

test('bad input is named per field', () => {
  const { inputs, orig } = inputsFrom(FIELDS, 'wan')
  Object.assign(inputs, { placement_persons: '1.5', 'placement_persons.paired_east': '-3', fund_allocation: '0.0000001', fund_disbursement: '20000000000' })
  const { errors } = valuesFrom(FIELDS, inputs, orig, 'wan')
  assert.deepEqual(errors, { placement_persons: 'integer', 'placement_persons.paired_east': 'integer', fund_allocation: 'decimals', fund_disbursement: 'range' })
})

test('a change of money unit re-expresses the amounts; 亿元 keeps fen it cannot type', () => {
  const { inputs, orig } = inputsFrom(FIELDS, 'wan')
  inputs.fund_allocation = '12.5'
  rebaseMoney(FIELDS, inputs, orig, 'wan', 'yi')
  assert.equal(inputs.fund_allocation, '0.00125')
  assert.equal(inputs.fund_disbursement, '0.0000000001') // 1 fen: more decimals than 亿元 takes
  const { values, errors } = valuesFrom(FIELDS, inputs, orig, 'yi')
  assert.deepEqual(errors, {})
  assert.equal(values.fund_disbursement, 1)
  assert.equal(values.fund_allocation, 12500000) // 12.5万 = 125,000元
})
