// The assessment page's helpers: exact points text, grade colours, a template's items in order.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pointsText, permilleText, gradeTagType, gradeColor, templateItems } from './assessment.js'

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
