// Cooperation records (协作台账) as danfeng_county, through the generic record pages: add a
// project in 万元 through the form, add a progress snapshot in its 明细 drawer, add a fund
// disbursement linked to the project, find both with the search form and check the totals row in
// the chosen unit (万元, then 元), and export the project list as .xlsx.
// The kinds' field lists come from /api/v1/kinds; required fields this test does not know get a
// plain value of their type.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { withPage, login, shot, tid, apiResponse, pickOption } from './lib.mjs'

const DANFENG = '611022'

async function setMoneyUnit(page, unit) {
  if ((await page.getAttribute(tid('money-unit'), 'data-unit')) === unit) return
  await page.click(tid('money-unit'))
  await page.locator(tid(`money-unit-${unit}`)).click()
  await page.locator(`${tid('money-unit')}[data-unit="${unit}"]`).waitFor()
}

// 协作台账 › group › kind in the side menu, opening the sub-menus that are closed.
async function openRecords(page, group, kind) {
  const item = page.locator(tid(`menu-record-${kind}`))
  await page.locator(tid('menu-records')).waitFor()
  if (!(await item.isVisible())) {
    const groupMenu = page.locator(tid(`menu-group-${group}`))
    if (!(await groupMenu.isVisible())) await page.locator(`${tid('menu-records')} > .el-sub-menu__title`).click()
    await page.locator(`${tid(`menu-group-${group}`)} > .el-sub-menu__title`).click()
  }
  const listed = apiResponse(page, new RegExp(`^/api/v1/records/${kind}\\?`))
  await item.click()
  assert.equal((await listed).status(), 200)
  await page.locator(`${tid('record-page')}[data-kind="${kind}"] ${tid('record-table')}`).waitFor()
}

// Types `value` into the form control of field `f` (a /api/v1/kinds field) in the open dialog.
async function fillField(page, f, value) {
  const item = `${tid('record-dialog')} ${tid(`record-item-${f.key}`)}`
  switch (f.type) {
    case 'enum':
      await pickOption(page, `record-field-${f.key}`, `record-field-${f.key}-${value}`)
      break
    case 'date':
      await page.fill(`${item} input`, value)
      await page.press(`${item} input`, 'Enter')
      break
    case 'textarea':
      await page.fill(`${item} textarea`, String(value))
      break
    case 'bool': {
      const sw = page.locator(`${item} .el-switch`)
      if ((await sw.getAttribute('class')).includes('is-checked') !== Boolean(value)) await sw.click()
      break
    }
    default:
      await page.fill(`${item} input`, String(value))
      await page.press(`${item} input`, 'Tab')
  }
}

// A plain value for a required field the test does not set itself.
function plainValue(f, stamp) {
  switch (f.type) {
    case 'enum': return f.options[0].value
    case 'int': return 1
    case 'year': return new Date().getFullYear()
    case 'money': return '1'
    case 'percent': return 10
    case 'date': return '2025-01-15'
    case 'bool': return false
    case 'credit_code': return '91320114MA1XXXXX0X'.replace(/X/g, '1')
    default: return `E2E${f.key}${stamp}`.slice(0, f.max_len || 64)
  }
}

// Fills `values` (by field key) and a plain value for every other required simple field.
async function fillForm(page, kind, values, stamp, skip = []) {
  for (const f of kind.fields) {
    if (skip.includes(f.key)) continue
    if (f.key in values) await fillField(page, f, values[f.key])
    else if (f.required && ['text', 'textarea', 'credit_code', 'int', 'year', 'money', 'percent', 'date', 'enum', 'bool'].includes(f.type)) {
      await fillField(page, f, plainValue(f, stamp))
    }
  }
}

// Saves the open record dialog and returns the 201 answer's JSON and the request body.
async function saveNew(page, kindKey) {
  const created = apiResponse(page, new RegExp(`^/api/v1/records/${kindKey}$`), 'POST')
  await page.click(`${tid('record-dialog')} ${tid('record-dialog-save')}`)
  const res = await created
  const body = res.request().postDataJSON()
  assert.equal(res.status(), 201, `POST ${kindKey}: ${await res.text()}`)
  await page.locator(tid('record-dialog')).waitFor({ state: 'hidden' })
  return { record: await res.json(), body }
}

// RegionPicker's testid is on both its select and its (popper) tree: click the select.
async function pickRegion(page, key, code) {
  await page.click(`${tid('record-dialog')} .el-select${tid(`record-field-${key}`)}`)
  const node = page.locator(tid(`record-field-${key}-node-${code}`))
  await node.waitFor({ state: 'visible' })
  await node.click()
  await node.waitFor({ state: 'hidden' })
}

// The text of the table's summary (合计) row.
const totalsText = (page, table) => page.locator(`${tid(table)} .el-table__footer-wrapper`).innerText()

// RegionSearchSelect (any region in the country): types `text`, picks the option `code`.
async function searchRegion(page, key, text, code) {
  const select = `${tid('record-dialog')} ${tid(`record-field-${key}`)}`
  await page.click(select)
  const searched = apiResponse(page, /^\/api\/v1\/regions\?.*anywhere=1/)
  await page.locator(`${select} input`).fill(text)
  assert.equal((await searched).status(), 200)
  const option = page.locator(tid(`record-field-${key}-opt-${code}`))
  await option.waitFor({ state: 'visible' })
  await option.click()
  // The select shows the region's name (its path), not its code.
  await page.locator(select, { hasText: text }).waitFor()
}

// The record kinds by key, as the UI gets them.
async function loadKinds(page) {
  const res = await page.evaluate(async () => {
    const r = await fetch('/api/v1/kinds?lang=zh-CN', { credentials: 'same-origin' })
    return { status: r.status, ...(await r.json().catch(() => ({}))) }
  })
  assert.equal(res.status, 200, 'GET /api/v1/kinds')
  assert.ok(Array.isArray(res.kinds), 'GET /api/v1/kinds answers {kinds: [...]}')
  return Object.fromEntries(res.kinds.map((k) => [k.key, k]))
}

test('project with progress and a linked fund disbursement: add, search, totals, export', async () => {
  await withPage('records-project-fund', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    const kinds = await loadKinds(page)
    for (const k of ['project', 'project_progress', 'fund']) assert.ok(kinds[k], `kind ${k} in /api/v1/kinds`)
    const field = (kind, key) => kinds[kind].fields.find((f) => f.key === key)
    // What the checks below rely on: money listed and totalled, percent listed, payer searchable.
    for (const [kind, key] of [['project', 'total_investment_fen'], ['fund', 'amount_fen']]) {
      assert.ok(field(kind, key).list && field(kind, key).total, `${kind}.${key} is listed and totalled`)
    }
    assert.ok(field('project_progress', 'percent').list, 'project_progress.percent is listed')
    assert.equal(field('fund', 'payer').filter, 'contains', 'fund.payer is searched by q')
    const stamp = Date.now().toString(36).toUpperCase()
    const year = new Date().getFullYear()

    await setMoneyUnit(page, 'wan')

    // 协作项目: add a project through the form, amounts in 万元.
    await openRecords(page, kinds.project.group, 'project')
    assert.match(await page.locator(tid('tag-/records/project')).innerText(), new RegExp(kinds.project.label))
    await page.click(tid('record-add'))
    await page.locator(tid('record-dialog')).waitFor()
    const code = `E2E-${stamp}`
    const name = `E2E测试产业项目${stamp}`
    await fillForm(page, kinds.project, {
      code, name, category: 'industry', total_investment_fen: '1200.5', coop_funds_fen: '300',
    }, stamp, ['region_code', 'pairing_id', 'status'])
    const status = field('project', 'status')
    if (status && status.type === 'enum' && status.options.length) await fillField(page, status, status.options[0].value)
    // The region defaults to the user's county; pick it in the tree all the same.
    assert.match(await page.locator(`${tid('record-item-region_code')}`).innerText(), /丹凤县/)
    await pickRegion(page, 'region_code', DANFENG)
    await shot(page, 'records-project-form')
    const project = await saveNew(page, 'project')
    assert.equal(project.body.code, code)
    assert.equal(project.body.region_code, DANFENG)
    assert.equal(project.body.total_investment_fen, 1200500000, '1200.5 万元 is 1,200,500,000 fen')
    assert.equal(project.body.coop_funds_fen, 300000000, '300 万元 is 300,000,000 fen')
    const projectId = project.record.id
    assert.ok(projectId, 'the created project has an id')
    const projectRow = page.locator(`${tid('record-table')} .el-table__row`, { hasText: code })
    await projectRow.waitFor()
    if (field('project', 'total_investment_fen').list) {
      assert.match(await projectRow.innerText(), /1,200\.50/, 'the total investment shows in 万元')
    }

    // 明细: a progress snapshot at 40 %.
    await projectRow.locator(tid('record-children')).click()
    await page.locator(tid('record-children-drawer')).waitFor()
    await page.click(tid('record-child-tab-project_progress'))
    const addProgress = page.locator(tid('record-child-add-project_progress'))
    await addProgress.waitFor()
    await addProgress.click()
    await page.locator(tid('record-dialog')).waitFor()
    assert.equal(await page.locator(tid('record-item-project_id')).count(), 0, 'the parent field is not shown')
    await fillForm(page, kinds.project_progress, {
      date: '2025-06-30', completed_fen: '480.2', percent: 40, note: `E2E进度${stamp}`,
    }, stamp, ['project_id'])
    const progress = await saveNew(page, 'project_progress')
    assert.equal(progress.body.project_id, projectId)
    assert.equal(progress.body.percent, 40)
    assert.equal(progress.body.completed_fen, 480200000, '480.2 万元 is 480,200,000 fen')
    assert.equal(progress.body.date, '2025-06-30')
    const progressRow = page.locator(`${tid('record-child-table-project_progress')} .el-table__row`, { hasText: '2025-06-30' })
    await progressRow.waitFor()
    if (field('project_progress', 'percent').list) assert.match(await progressRow.innerText(), /40(\.0+)?%/)
    await shot(page, 'records-project-progress')
    await page.locator(`${tid('record-children-drawer')} .el-drawer__close-btn`).click()
    await page.locator(tid('record-children-drawer')).waitFor({ state: 'hidden' })

    // Find the project by its code; the totals row sums the filtered list in 万元.
    await page.fill(tid('record-search-q'), code)
    const searched = apiResponse(page, /^\/api\/v1\/records\/project\?.*q=/)
    await page.click(tid('record-search-submit'))
    const sr = await searched
    assert.equal(sr.status(), 200)
    const found = await sr.json()
    assert.equal(found.total, 1)
    assert.equal(found.items[0].id, projectId)
    await page.locator(`${tid('record-table')} .el-table__row`).first().waitFor()
    assert.equal(await page.locator(`${tid('record-table')} .el-table__body .el-table__row`).count(), 1)
    if (field('project', 'total_investment_fen').total && field('project', 'total_investment_fen').list) {
      assert.equal(found.totals.total_investment_fen, 1200500000)
      const totals = await totalsText(page, 'record-table')
      assert.match(totals, /合计/)
      assert.match(totals, /1,200\.50/)
    }

    // 协作资金: a disbursement linked to the project.
    await openRecords(page, kinds.fund.group, 'fund')
    await page.locator(tid('fund-summary')).waitFor()
    await page.click(tid('record-add'))
    await page.locator(tid('record-dialog')).waitFor()
    const payer = `E2E付款单位${stamp}`
    await fillForm(page, kinds.fund, {
      year, type: 'disbursement', source_level: 'provincial', payer, amount_fen: '56.78', date: `${year}-03-15`,
    }, stamp, ['region_code', 'project_id'])
    await pickRegion(page, 'region_code', DANFENG)
    const refSelect = `${tid('record-dialog')} ${tid('record-field-project_id')}`
    await page.click(refSelect)
    const refSearch = apiResponse(page, /^\/api\/v1\/records\/project\?.*q=/)
    await page.locator(`${refSelect} input`).fill(code)
    assert.equal((await refSearch).status(), 200)
    const option = page.locator(tid(`record-field-project_id-opt-${projectId}`))
    await option.waitFor({ state: 'visible' })
    assert.match(await option.innerText(), new RegExp(name))
    await option.click()
    await shot(page, 'records-fund-form')
    const fund = await saveNew(page, 'fund')
    assert.equal(fund.body.project_id, projectId)
    assert.equal(fund.body.type, 'disbursement')
    assert.equal(fund.body.year, year)
    assert.equal(fund.body.amount_fen, 56780000, '56.78 万元 is 56,780,000 fen')

    // Find it: by q (payer) when it is searchable, else by the project filter or type.
    const fundQuery = {}
    if (field('fund', 'payer').filter === 'contains') {
      await page.fill(tid('record-search-q'), payer)
      fundQuery.q = payer
    } else if (field('fund', 'project_id').filter === 'exact') {
      await page.click(tid('record-search-project_id'))
      await page.locator(`${tid('record-search-project_id')} input`).fill(code)
      await page.locator(tid(`record-search-project_id-opt-${projectId}`)).click()
      fundQuery.project_id = projectId
    }
    const fundSearched = apiResponse(page, /^\/api\/v1\/records\/fund\?/)
    await page.click(tid('record-search-submit'))
    const fr = await fundSearched
    assert.equal(fr.status(), 200)
    const fundRow = page.locator(`${tid('record-table')} .el-table__row`, { hasText: payer })
    await fundRow.waitFor()
    const fundAmount = field('fund', 'amount_fen')
    if (Object.keys(fundQuery).length && fundAmount.total && fundAmount.list) {
      assert.equal((await fr.json()).totals.amount_fen, 56780000)
      assert.match(await totalsText(page, 'record-table'), /56\.78/)
      // The same totals in 元.
      await setMoneyUnit(page, 'yuan')
      await page.locator(`${tid('record-table')} .el-table__footer-wrapper`, { hasText: '567,800.00' }).waitFor()
      assert.match(await fundRow.innerText(), /567,800\.00/)
      await setMoneyUnit(page, 'wan')
    }
    await shot(page, 'records-fund-list')

    // The fund summary (below the list) has the disbursement in this year's chart.
    await page.locator(`${tid('fund-summary-chart')}:not([data-rows="0"])`).waitFor()

    // Export the filtered project list: an .xlsx, i.e. a ZIP starting with "PK".
    await page.click(tid('tag-/records/project'))
    await page.locator(`${tid('record-page')}[data-kind="project"] ${tid('record-table')}`).waitFor()
    await page.fill(tid('record-search-q'), code)
    const researched = apiResponse(page, /^\/api\/v1\/records\/project\?.*q=/)
    await page.click(tid('record-search-submit'))
    assert.equal((await researched).status(), 200)
    await page.locator(`${tid('record-table')} .el-table__row`, { hasText: code }).waitFor()
    const exported = apiResponse(page, /^\/api\/v1\/records\/project\/export\?/)
    const downloading = page.waitForEvent('download')
    await page.click(tid('record-export'))
    const er = await exported
    assert.equal(er.status(), 200)
    const exportQuery = new URL(er.url()).searchParams
    assert.equal(exportQuery.get('lang'), 'zh-CN')
    assert.equal(exportQuery.get('q'), code, 'the export carries the list filters')
    const download = await downloading
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.ok(bytes.length > 4, 'the export is not empty')
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the export is a ZIP (xlsx)')
  })
})

test('pairing: the county names its eastern partner, outside its own scope', async () => {
  await withPage('records-pairing-partner', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    const kinds = await loadKinds(page)
    const stamp = Date.now().toString(36).toUpperCase()
    await openRecords(page, kinds.pairing.group, 'pairing')
    await page.click(tid('record-add'))
    await page.locator(tid('record-dialog')).waitFor()
    const name = `E2E结对${stamp}`
    await fillForm(page, kinds.pairing, { name, level: 'county', signed_date: '2021-03-01' }, stamp,
      ['region_code', 'status'])
    await pickRegion(page, 'region_code', DANFENG)
    await searchRegion(page, 'east_region_code', '雨花台', '320114')
    await searchRegion(page, 'west_region_code', '丹凤', DANFENG)
    await shot(page, 'records-pairing-form')
    const pairing = await saveNew(page, 'pairing')
    assert.equal(pairing.body.east_region_code, '320114')
    assert.equal(pairing.body.west_region_code, DANFENG)
    const row = page.locator(`${tid('record-table')} .el-table__row`, { hasText: name })
    await row.waitFor()
    assert.match(await row.innerText(), /雨花台区/, 'the list names the eastern partner')
  })
})
