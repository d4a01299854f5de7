// The assessment page's helpers: exact points text, grade colours, a template's items in order.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pointsText, permilleText, gradeTagType, gradeColor, templateItems, itemToDraft, draftToItem, toHundredths } from './assessment.js'

test('points in hundredths become exact decimal text', () => {
  assert.equal(pointsText(1000), '10')
  assert.equal(pointsText(750), '7.5')
  assert.equal(pointsText(333), '3.33')
  assert.equal(pointsText(5), '0.05')
  assert.equal(pointsText(0), '0')
  assert.equal(pointsText(-250), '-2.5')
  assert.equal(pointsText(null), '—')
  assert.equal(pointsText(undefined), '—')
  assert.equal(permilleText(1200), '120')
  assert.equal(permilleText(905), '90.5')
})

test('grades map to tag types and colours; none is neutral', () => {
  assert.equal(gradeTagType('good'), 'success')
  assert.equal(gradeTagType('poor'), 'danger')
  assert.equal(gradeTagType(null), 'info')
  assert.equal(gradeColor('average'), '#e6a23c')
  assert.equal(gradeColor(undefined), '#c0c4cc')
})

test('a template flattens to its items with their sections, in order', () => {
  const t = { sections: [{ code: 'a', items: [{ code: 'x' }, { code: 'y' }] }, { code: 'b', items: [{ code: 'z' }] }] }
  assert.deepEqual(templateItems(t).map((e) => `${e.section.code}.${e.item.code}`), ['a.x', 'a.y', 'b.z'])
  assert.deepEqual(templateItems(null), [])
})

test('an item goes to the edit form and back unchanged, money in the chosen unit', () => {
  const item = {
    code: 'funds', name_zh: '资金', name_en: 'Funds', indicator: 'fund_allocation', points: 750, rule: 'linear',
    target_source: 'fixed', target: 9806000000, agreement_field: '', factor_permille: 1050, cap_permille: 1200,
    threshold_permille: 1000, floor_permille: 0,
  }
  const draft = itemToDraft(item, 'yuan', 'wan')
  assert.equal(draft.pointsN, 7.5)
  assert.equal(draft.targetText, '9806')
  assert.equal(draft.capP, 120)
  assert.equal(draft.factorP, 105)
  assert.deepEqual(draftToItem(draft, 'yuan', 'wan').item, item)
  // Typed in 亿元: 0.9806亿 is the same fen.
  assert.equal(draftToItem({ ...draft, targetText: '0.9806' }, 'yuan', 'yi').item.target, 9806000000)
  assert.deepEqual(draftToItem({ ...draft, targetText: '12abc' }, 'yuan', 'wan'), { error: 'target' })
})

test('percent targets are hundredths, counts whole numbers; manual and rank items have none', () => {
  const base = { code: 'x', indicator: 'fund_disbursement_rate', points: 500, rule: 'threshold', target_source: 'fixed',
    target: 9000, agreement_field: '', factor_permille: 1000, cap_permille: 1000, threshold_permille: 1000, floor_permille: 0 }
  const draft = itemToDraft(base, 'percent', 'wan')
  assert.equal(draft.targetText, '90')
  assert.equal(draftToItem({ ...draft, targetText: '92.5' }, 'percent', 'wan').item.target, 9250)
  assert.deepEqual(draftToItem({ ...draft, targetText: '92.555' }, 'percent', 'wan'), { error: 'target' })
  assert.equal(draftToItem({ ...draft, targetText: '4' }, 'batch', 'wan').item.target, 4)
  assert.deepEqual(draftToItem({ ...draft, targetText: '4.5' }, 'batch', 'wan'), { error: 'target' })
  const manual = draftToItem({ ...draft, rule: 'manual', targetText: 'junk' }, 'percent', 'wan').item
  assert.equal(manual.indicator, '')
  assert.equal(manual.target, 0)
  assert.equal(toHundredths(0.1 + 0.2), 30)
})
