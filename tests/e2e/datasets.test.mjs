// Aggregate data entry (数据填报) and its checks through the browser, on the demo data with the
// real clock: 丹凤县's county office enters 劳务协作季报 for the current quarter (its deadline, 10 days
// after the quarter, has not passed) — a first try whose destinations do not add up to the total is
// refused with the rule named and nothing submitted — then submits figures that add up; the
// 商洛市 city office finds it in its approvals and approves; the 陕西省 province office returns it
// with a comment; the county sees the comment, corrects and submits again; city and province
// approve (已审核). The county also saves 协作资金月报 for the current month in 万元 (exact fen
// sent, the money rule it breaks shown in 万元). Then, as the province, 填报完整性 for 劳务协作季报
// this year shows 丹凤县's quarter as approved, and 双向核对 for 2021 loads its table.
// Needs a fresh fixture server (the form starts as a draft).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, login, openMenu, shot, tid, apiResponse, pickOption } from './lib.mjs'

const DATASET = 'labour_quarterly'
const DANFENG = '611022'
// The current quarter in China (UTC+8): its period has not ended, so its form is never locked.
const NOW_CN = new Date(Date.now() + 8 * 3600 * 1000)
const YEAR = NOW_CN.getUTCFullYear()
const QUARTER = Math.floor(NOW_CN.getUTCMonth() / 3) + 1
const PERIOD = `${YEAR}Q${QUARTER}`
const FORM_PATH = `/api/v1/datasets/${DATASET}/entries/${DANFENG}/${PERIOD}`
const FORM_URL = `/datasets/entry?dataset=${DATASET}&region=${DANFENG}&period=${PERIOD}`
const COMMENT = '转移就业人数请与台账再核实'

// The entry page shows the form of 丹凤县 for PERIOD in `status`.
async function formIs(page, status) {
  await page.locator(`${tid('entry-page')}[data-form="${DATASET}/${DANFENG}/${PERIOD}"][data-status="${status}"][data-loading="0"]`).waitFor()
}

// Opens the form by its link (the URL keeps the data set, region and period).
async function openForm(page, e) {
  const loaded = apiResponse(page, new RegExp(`^${FORM_PATH}$`))
  await page.goto(`${e.url}${FORM_URL}`)
  assert.equal((await loaded).status(), 200)
}

async function fill(page, values) {
  for (const [key, value] of Object.entries(values)) await page.fill(tid(`entry-input-${key}`), String(value))
}

// Clicks a workflow button, confirms when asked, and returns the answer to its request.
async function act(page, action, { confirm = true, method = 'POST', form = FORM_PATH } = {}) {
  const path = action === 'save' ? form : `${form}/${action}`
  const answered = apiResponse(page, new RegExp(`^${path}$`), method)
  await page.click(tid(`entry-action-${action}`))
  if (confirm) await page.locator('.el-message-box .entry-confirm').click()
  return answered
}

// The approvals page lists the form as waiting for the user's level; its 审核 button opens it.
async function reviewFromApprovals(page) {
  const listed = apiResponse(page, /^\/api\/v1\/submissions\?.*awaiting=1/)
  await openMenu(page, 'menu-dataset-approvals')
  assert.equal((await listed).status(), 200)
  const open = page.locator(tid(`approvals-open-${DATASET}-${DANFENG}-${PERIOD}`))
  await open.waitFor()
  const loaded = apiResponse(page, new RegExp(`^${FORM_PATH}$`))
  await open.click()
  assert.equal((await loaded).status(), 200)
  const url = new URL(page.url())
  assert.equal(url.pathname, '/datasets/entry')
  assert.deepEqual([url.searchParams.get('dataset'), url.searchParams.get('region'), url.searchParams.get('period')], [DATASET, DANFENG, PERIOD])
  await formIs(page, 'submitted')
}

async function approveAs(username, approvalsAfter) {
  await withPage(`datasets-approve-${username}`, async ({ page, e }) => {
    await login(page, e, username)
    await reviewFromApprovals(page)
    assert.equal(await page.locator(tid('entry-input-placement_persons')).count(), 0, 'an approver sees the values, not inputs')
    const res = await act(page, 'approve')
    assert.equal(res.status(), 200, await res.text())
    const body = await res.json()
    assert.equal(body.submission.approvals, approvalsAfter)
    await formIs(page, approvalsAfter === 2 ? 'approved' : 'submitted')
    // The level that approved last may withdraw it, and approves no more.
    await page.locator(tid('entry-action-unapprove')).waitFor()
    assert.equal(await page.locator(tid('entry-action-approve')).count(), 0)
    await shot(page, `datasets-approved-by-${username}`)
  })
}

test('丹凤县 enters 劳务协作季报 for this quarter: a mismatch is refused, consistent figures are submitted', async () => {
  await withPage('datasets-county-submit', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    const datasets = apiResponse(page, /^\/api\/v1\/datasets\?/)
    await openMenu(page, 'menu-dataset-entry')
    assert.equal((await datasets).status(), 200)
    await page.locator(tid('entry-page')).waitFor()
    // The county's own region is fixed; choose the data set and the period.
    assert.equal(await page.inputValue(tid('entry-region-fixed')), '丹凤县')
    await pickOption(page, 'entry-dataset', `entry-dataset-${DATASET}`)
    const period = async () => page.getAttribute(tid('entry-period'), 'data-period')
    if (!(await period()).startsWith(`${YEAR}`)) await pickOption(page, 'entry-period-year', `entry-period-year-${YEAR}`)
    if ((await period()) !== PERIOD) await pickOption(page, 'entry-period-quarter', `entry-period-quarter-${QUARTER}`)
    await formIs(page, 'draft')
    const url = new URL(page.url())
    assert.deepEqual([url.searchParams.get('dataset'), url.searchParams.get('region'), url.searchParams.get('period')], [DATASET, DANFENG, PERIOD],
      'the form is in the URL')
    assert.equal(await page.getAttribute(tid('entry-page'), 'data-version'), '0', 'a fresh fixture: the form was never saved')
    assert.equal(await page.locator(tid('entry-locked')).count(), 0, `the deadline of ${PERIOD} has not passed`)
    for (const name of ['商洛市', '陕西省']) await page.locator(tid('entry-steps'), { hasText: name }).waitFor()
    await page.locator(tid('entry-action-save')).waitFor()
    await page.locator(tid('entry-action-submit')).waitFor()
    assert.equal(await page.locator(tid('entry-action-approve')).count(), 0, 'a county does not approve')

    // 549 placed, but the destinations add up to 284 + 214 = 498: refused, rule named, not submitted.
    await fill(page, { placement_persons: 549, 'placement_persons.paired_east': 284, 'placement_persons.home_province': 214 })
    const refused = await act(page, 'submit')
    assert.equal(refused.status(), 400)
    assert.deepEqual(refused.request().postDataJSON().values.placement_persons, 549)
    const problem = page.locator(tid('entry-violation-placement_by_destination'))
    await problem.waitFor()
    assert.match(await problem.innerText(), /549/)
    assert.match(await page.locator(tid('entry-violations')).innerText(), /不能提交/)
    await shot(page, 'datasets-county-refused')
    assert.equal(await page.getAttribute(tid('entry-page'), 'data-status'), 'draft')
    assert.equal(await page.getAttribute(tid('entry-page'), 'data-version'), '0', 'nothing was written')
    assert.equal(await page.inputValue(tid('entry-input-placement_persons')), '549', 'what was typed is kept')

    // 284 + 214 + 51 = 549: submitted, the figures count at once.
    await fill(page, { 'placement_persons.other_province': 51 })
    const submitted = await act(page, 'submit')
    assert.equal(submitted.status(), 200, await submitted.text())
    const sent = submitted.request().postDataJSON()
    assert.deepEqual([sent.values.placement_persons, sent.values['placement_persons.paired_east'],
      sent.values['placement_persons.home_province'], sent.values['placement_persons.other_province']], [549, 284, 214, 51])
    await formIs(page, 'submitted')
    assert.equal(await page.locator(tid('entry-violations')).count(), 0)
    await page.locator(tid('entry-waiting'), { hasText: '商洛市' }).waitFor()
    assert.equal(await page.locator(tid('entry-action-save')).count(), 0, 'a submitted form cannot be changed')
    await page.locator(tid('entry-event-submit')).waitFor()
    await shot(page, 'datasets-county-submitted')
  })
})

test('商洛市 approves it from its approvals list', () => approveAs('shangluo_city', 1))

test('陕西省 returns it with a comment; 丹凤县 corrects and submits again', async () => {
  await withPage('datasets-province-return', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    await reviewFromApprovals(page)
    await page.locator(tid('entry-step-6110'), { hasText: '已审核' }).waitFor()
    await page.click(tid('entry-action-return'))
    await page.locator(tid('return-dialog')).waitFor()
    // The comment is required.
    await page.click(tid('return-confirm'))
    await page.locator(`${tid('return-dialog')} .el-form-item__error`).waitFor()
    await page.fill(tid('return-comment'), COMMENT)
    const returned = apiResponse(page, new RegExp(`^${FORM_PATH}/return$`), 'POST')
    await page.click(tid('return-confirm'))
    const res = await returned
    assert.equal(res.status(), 200, await res.text())
    assert.equal(res.request().postDataJSON().comment, COMMENT)
    await formIs(page, 'returned')
    await page.locator(tid('return-dialog')).waitFor({ state: 'hidden' })
  })

  await withPage('datasets-county-correct', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    await openForm(page, e)
    await formIs(page, 'returned')
    await page.locator(tid('entry-returned'), { hasText: COMMENT }).waitFor()
    await page.locator(tid('entry-timeline-comment'), { hasText: COMMENT }).waitFor()
    assert.equal(await page.inputValue(tid('entry-input-placement_persons')), '549', 'the values come back for correction')
    await shot(page, 'datasets-county-returned')
    await fill(page, { placement_persons: 550, 'placement_persons.other_province': 52 })
    const saved = await act(page, 'save', { confirm: false, method: 'PUT' })
    assert.equal(saved.status(), 200, await saved.text())
    await formIs(page, 'returned')
    const submitted = await act(page, 'submit')
    assert.equal(submitted.status(), 200, await submitted.text())
    assert.equal(submitted.request().postDataJSON().values.placement_persons, 550)
    await formIs(page, 'submitted')
  })
})

test('商洛市 and 陕西省 approve it again: 已审核', async () => {
  await approveAs('shangluo_city', 1)
  await approveAs('sx_province', 2)
  await withPage('datasets-county-approved', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    await openForm(page, e)
    await formIs(page, 'approved')
    assert.equal(await page.locator(`${tid('entry-status-tag')}`).innerText(), '已审核')
    await page.locator(tid('entry-value-placement_persons'), { hasText: '550' }).waitFor()
    const trail = await page.locator(`${tid('entry-timeline')} [data-testid^="entry-event-"]`).evaluateAll(
      (items) => items.map((i) => i.dataset.testid.replace('entry-event-', '')))
    assert.deepEqual(trail, ['approve', 'approve', 'submit', 'save', 'return', 'approve', 'submit'], 'the steps, newest first')
  })
})

test('丹凤县 saves 协作资金月报 in 万元: exact fen, and the rule it breaks shown in 万元', async () => {
  await withPage('datasets-county-money', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    assert.equal(await page.getAttribute(tid('money-unit'), 'data-unit'), 'wan', 'money in 万元 by default')
    // The current month: its deadline (10 days after it) is still ahead.
    const loaded = apiResponse(page, /^\/api\/v1\/datasets\/funds_monthly\/entries\/611022\/\d{4}-\d{2}$/)
    await page.goto(`${e.url}/datasets/entry?dataset=funds_monthly`)
    assert.equal((await loaded).status(), 200)
    await page.locator(`${tid('entry-page')}[data-status="draft"][data-loading="0"]`).waitFor()
    const month = new URL(page.url()).searchParams.get('period')
    assert.match(month, /^\d{4}-\d{2}$/, 'the default period, the current month, is in the URL')
    const form = `/api/v1/datasets/funds_monthly/entries/${DANFENG}/${month}`
    // A typo is named under its field and nothing is sent.
    await fill(page, { fund_allocation: '12.3.4' })
    await page.click(tid('entry-action-save'))
    await page.locator(tid('entry-error-fund_allocation')).waitFor()
    // 1,234.56789万 allocated; 150.5万 spent of 100万 disbursed breaks 支出资金不超过拨付资金.
    await fill(page, { fund_allocation: '1234.56789', fund_disbursement: '100', fund_expenditure: '150.5' })
    const saved = await act(page, 'save', { confirm: false, method: 'PUT', form })
    assert.equal(saved.status(), 200, await saved.text())
    assert.deepEqual(saved.request().postDataJSON().values,
      { fund_allocation: 1234567890, fund_disbursement: 100000000, fund_expenditure: 150500000 }, '1万元 is 1,000,000 fen')
    const broken = page.locator(tid('entry-violation-spent_within_disbursed'))
    await broken.waitFor()
    assert.match(await broken.innerText(), /150\.5 <= 100/, 'the sums in 万元, not fen')
    assert.equal(await page.inputValue(tid('entry-input-fund_allocation')), '1234.56789')
    await shot(page, 'datasets-county-money')
  })
})

test('陕西省: 填报完整性 for 劳务协作季报 this year and 双向核对 for 2021', async () => {
  await withPage('datasets-province-checks', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    const first = apiResponse(page, /^\/api\/v1\/checks\/completeness\?/)
    await openMenu(page, 'menu-check-completeness')
    assert.equal((await first).status(), 200)
    const answered = apiResponse(page, new RegExp(`^/api/v1/checks/completeness\\?dataset=${DATASET}&year=${YEAR}&`))
    await pickOption(page, 'completeness-dataset', `completeness-dataset-${DATASET}`)
    await pickOption(page, 'completeness-year', `completeness-year-${YEAR}`)
    await page.click(tid('completeness-search'))
    assert.equal((await answered).status(), 200)
    await page.locator(`${tid('completeness-page')}[data-query="${DATASET}/${YEAR}"][data-loading="0"]`).waitFor()
    const cell = page.locator(tid(`completeness-cell-${DANFENG}-${PERIOD}`))
    await cell.waitFor()
    assert.equal(await cell.getAttribute('data-status'), 'approved')
    assert.match(await cell.innerText(), /已审核/)
    await page.locator(tid('completeness-chart')).waitFor()
    assert.ok(Number(await page.locator(tid('completeness-card-reporters-value')).innerText()) >= 1)
    assert.ok(Number(await page.locator(tid('completeness-card-approved-value')).innerText()) >= 1)
    await shot(page, 'datasets-completeness')

    const reconciled = apiResponse(page, /^\/api\/v1\/checks\/reconciliation\?period=2021&/)
    await openMenu(page, 'menu-check-reconciliation')
    await pickOption(page, 'reconciliation-period-year', 'reconciliation-period-year-2021')
    await page.click(tid('reconciliation-search'))
    const res = await reconciled
    assert.equal(res.status(), 200)
    const body = await res.json()
    await page.locator(`${tid('reconciliation-page')}[data-loading="0"] ${tid('reconciliation-summary')}`).waitFor()
    await page.locator(tid('reconciliation-table')).waitFor()
    const rows = page.locator(`${tid('reconciliation-table')} .el-table__body-wrapper .el-table__row`)
    assert.equal(await rows.count(), body.rows.length, 'one table row per comparison')
    assert.ok(body.pairings >= 1, 'Shaanxi has pairings in 2021')
    await shot(page, 'datasets-reconciliation-2021')
  })
})
