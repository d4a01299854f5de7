// The assessment pages. Scores as sx_province on the demo data: 考核评价 › 考核得分 from the
// menu, then 2021 and 商洛市 (kept in the URL): its counties ranked by the shipped template;
// 丹凤县's items show its 549 workers placed (seed 000) under 劳务协作, and the items without an
// agreement target or a self-evaluation as missing, so it has no grade yet; the scores export
// as .xlsx; a chosen group (丹凤县 and 商南县, found by name) is ranked together. Then the template
// page as admin (see the second test), and a self-evaluation through its approval chain.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { withPage, login, openMenu, shot, tid, apiResponse, pickOption } from './lib.mjs'

const DANFENG = '611022'

test('sx_province: assessment scores of 商洛市 for 2021, 丹凤县 items, export', async () => {
  await withPage('assessment-sx-province', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    const first = apiResponse(page, /^\/api\/v1\/assessment\/scores\?/)
    await openMenu(page, 'menu-assessment-scores')
    assert.equal((await first).status(), 200)
    await page.locator(tid('assessment-page')).waitFor()

    const answered = apiResponse(page, /^\/api\/v1\/assessment\/scores\?year=2021&region_code=6110&side=west/)
    await page.goto(`${e.url}/assessment/scores?year=2021&region=6110`)
    assert.equal((await answered).status(), 200)
    await page.locator(`${tid('assessment-page')}[data-query="6110/2021/west"][data-loading="0"]`).waitFor()
    assert.match(await page.textContent(tid('assessment-template')), /东西部协作年度考核（受援方） · 默认模板/)
    await page.locator(tid('assessment-chart')).waitFor()

    // 丹凤县: some items are missing (no agreement targets or self-evaluations in the demo), so
    // its points are partial and it has no grade.
    const points = (await page.textContent(tid(`assessment-points-${DANFENG}`))).trim()
    assert.match(points, /^\d+(\.\d+)?$/)
    assert.ok(Number(await page.textContent(tid(`assessment-missing-${DANFENG}`))) > 0)
    assert.equal(await page.locator(tid(`assessment-grade-${DANFENG}`)).count(), 0)

    await page.locator(`${tid('assessment-table')} .el-table__row`, { hasText: '丹凤县' })
      .locator('.el-table__expand-icon').click()
    await page.locator(tid(`assessment-items-${DANFENG}`)).waitFor()
    assert.equal((await page.textContent(tid(`assessment-value-${DANFENG}-labour_placements`))).trim(), '549')
    const items = await page.textContent(tid(`assessment-items-${DANFENG}`))
    assert.match(items, /无目标值/)
    assert.match(items, /待评分/)
    await shot(page, 'assessment-shangluo-2021')

    const exported = apiResponse(page, /^\/api\/v1\/assessment\/scores\/export\?/)
    const downloading = page.waitForEvent('download')
    await page.click(tid('assessment-export'))
    assert.equal((await exported).status(), 200)
    const download = await downloading
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the export is a ZIP (xlsx)')

    // A chosen group: 丹凤县 and 商南县, found by name, ranked together.
    await page.click(tid('assessment-mode-group'))
    for (const [name, code] of [['丹凤', '611022'], ['商南', '611023']]) {
      await page.locator(`${tid('assessment-regions')} input`).fill(name)
      await page.locator(tid(`assessment-regions-${code}`)).click()
    }
    const grouped = apiResponse(page, /^\/api\/v1\/assessment\/scores\?.*regions=611022(%2C|,)611023/)
    await page.click(tid('assessment-search'))
    assert.equal((await grouped).status(), 200)
    await page.locator(`${tid('assessment-page')}[data-query="/2021/west"][data-loading="0"]`).waitFor()
    assert.equal(await page.locator('[data-testid^="assessment-points-"]').count(), 2)
    await page.locator(tid('assessment-points-611023')).waitFor()
    assert.match(page.url(), /regions=611022(%2C|,)611023/)
    await shot(page, 'assessment-group')
  })
})

// The template page: admin opens 2020's (the shipped one), moves a point from 党政互访交流 to
// 研究部署和工作机制, saves it as version 1 (the total stays 100), and the scores of 2020 then
// name version 1. 2020 keeps the other test's 2021 on the shipped template.
test('admin: edit the 2020 assessment template, saved as version 1, used by the scores', async () => {
  await withPage('assessment-template-admin', async ({ page, e }) => {
    await login(page, e, 'admin')
    await openMenu(page, 'menu-assessment-template')
    await page.locator(`${tid('template-page')}[data-loading="0"]`).waitFor()
    const shipped = apiResponse(page, /^\/api\/v1\/assessment\/templates\/2020\/west/)
    await pickOption(page, 'template-year', 'template-year-2020')
    assert.equal((await shipped).status(), 200)
    await page.locator(`${tid('template-page')}[data-version="0"][data-loading="0"]`).waitFor()
    assert.equal((await page.textContent(tid('template-points-org_visits'))).trim(), '6')
    assert.match(await page.textContent(tid('template-total')), /100/)

    await page.click(tid('template-edit'))
    const visits = page.locator(`${tid('template-points-org_visits')} input`)
    await visits.fill('5')
    await visits.press('Tab')
    const leadership = page.locator(`${tid('template-points-org_leadership')} input`)
    await leadership.fill('7')
    await leadership.press('Tab')
    assert.match(await page.textContent(tid('template-total')), /100/)
    await shot(page, 'assessment-template-editing')
    const saved = apiResponse(page, /^\/api\/v1\/assessment\/templates\/2020\/west$/, 'PUT')
    await page.click(tid('template-save'))
    assert.equal((await saved).status(), 201)
    await page.locator(`${tid('template-page')}[data-version="1"]`).waitFor()
    assert.equal((await page.textContent(tid('template-points-org_visits'))).trim(), '5')
    assert.equal((await page.textContent(tid('template-points-org_leadership'))).trim(), '7')
    await shot(page, 'assessment-template-2020-v1')

    const scores = apiResponse(page, /^\/api\/v1\/assessment\/scores\?year=2020&region_code=6110/)
    await page.goto(`${e.url}/assessment/scores?year=2020&region=6110`)
    assert.equal((await scores).status(), 200)
    await page.locator(`${tid('assessment-page')}[data-query="6110/2020/west"][data-loading="0"]`).waitFor()
    assert.match(await page.textContent(tid('assessment-template')), /第 1 版/)
  })
})

// The self-evaluation (考核自评) of 丹凤县 for 2022, through its approval chain. The county office
// explains 研究部署和工作机制 with the partner's opinion, gives its two manual items points (a
// number above the item's weight is refused in the page first), attaches a PDF as evidence,
// saves and submits; 商洛市 finds it among its approvals and approves; 陕西省 approves, and the
// manual points then count in the computed score.
const SELF_PATH = `/api/v1/assessment/self/${DANFENG}/2022`
const SELF_URL = `/assessment/self?year=2022&region=${DANFENG}`

async function selfIs(page, status) {
  await page.locator(`${tid('self-page')}[data-status="${status}"][data-loading="0"]`).waitFor()
}

async function selfAct(page, action) {
  const path = action === 'save' ? SELF_PATH : `${SELF_PATH}/${action}`
  const answered = apiResponse(page, new RegExp(`^${path}$`), action === 'save' ? 'PUT' : 'POST')
  await page.click(tid(`self-action-${action}`))
  if (action !== 'save') await page.locator('.el-message-box .self-confirm').click()
  return answered
}

test('丹凤县 self-evaluates 2022 with evidence; 商洛市 and 陕西省 approve; its points count', async () => {
  await withPage('assessment-self-county', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    const loaded = apiResponse(page, new RegExp(`^/api/v1/assessment/self/${DANFENG}/\\d{4}\\?`))
    await openMenu(page, 'menu-assessment-self')
    assert.equal((await loaded).status(), 200)
    const first = apiResponse(page, new RegExp(`^${SELF_PATH}\\?`))
    await page.goto(`${e.url}${SELF_URL}`)
    assert.equal((await first).status(), 200)
    await selfIs(page, 'draft')
    assert.equal((await page.textContent(tid('self-computed-org_leadership'))).trim(), '—')

    await page.fill(`${tid('self-text-org_leadership')}`, '召开党政联席会议3次，出台协作工作方案')
    await page.fill(`${tid('self-partner-org_leadership')}`, '雨花台区：情况属实')
    await page.fill(`${tid('self-points-org_leadership')}`, '99')
    await page.fill(`${tid('self-points-society_pairing')}`, '3')
    await page.click(tid('self-action-save'))
    await page.locator(tid('self-error-org_leadership')).waitFor()
    await page.fill(`${tid('self-points-org_leadership')}`, '5.5')

    const attached = apiResponse(page, new RegExp(`^${SELF_PATH}/files\\?`), 'POST')
    await page.setInputFiles(`${tid('self-upload-org_leadership')} input[type=file]`,
      { name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 会议纪要\n') })
    assert.equal((await attached).status(), 201)
    await page.locator(tid('self-file-org_leadership'), { hasText: '会议纪要.pdf' }).waitFor()
    // The first file saved an empty draft (version 1); what was typed stays.
    await page.locator(`${tid('self-page')}[data-version="1"]`).waitFor()
    assert.equal(await page.inputValue(tid('self-points-org_leadership')), '5.5')
    assert.equal((await selfAct(page, 'save')).status(), 200)
    await page.locator(`${tid('self-page')}[data-version="2"]`).waitFor()
    await shot(page, 'assessment-self-draft')
    assert.equal((await selfAct(page, 'submit')).status(), 200)
    await selfIs(page, 'submitted')
    assert.equal(await page.locator(`input${tid('self-points-org_leadership')}`).count(), 0, 'submitted: no inputs')
  })

  await withPage('assessment-self-city', async ({ page, e }) => {
    await login(page, e, 'shangluo_city')
    const listed = apiResponse(page, /^\/api\/v1\/submissions\?.*awaiting=1/)
    await openMenu(page, 'menu-dataset-approvals')
    assert.equal((await listed).status(), 200)
    const open = page.locator(tid(`approvals-open-assessment_self-${DANFENG}-2022`))
    await open.waitFor()
    const loaded = apiResponse(page, new RegExp(`^${SELF_PATH}\\?`))
    await open.click()
    assert.equal((await loaded).status(), 200)
    await selfIs(page, 'submitted')
    assert.match(await page.textContent(tid('self-text-org_leadership')), /召开党政联席会议3次/)
    assert.equal((await selfAct(page, 'approve')).status(), 200)
  })

  await withPage('assessment-self-province', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    const loaded = apiResponse(page, new RegExp(`^${SELF_PATH}\\?`))
    await page.goto(`${e.url}${SELF_URL}`)
    assert.equal((await loaded).status(), 200)
    await selfIs(page, 'submitted')
    assert.equal((await selfAct(page, 'approve')).status(), 200)
    await selfIs(page, 'approved')
    assert.equal((await page.textContent(tid('self-computed-org_leadership'))).trim(), '5.5')
    assert.equal((await page.textContent(tid('self-computed-society_pairing'))).trim(), '3')
    const downloading = page.waitForEvent('download')
    await page.locator(tid('self-file-org_leadership')).locator('a').click()
    const download = await downloading
    assert.equal(download.suggestedFilename(), '会议纪要.pdf')
    assert.equal(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1'), '%PDF-')
    const exported = page.waitForEvent('download')
    await page.click(tid('self-export'))
    const sheet = await exported
    assert.match(sheet.suggestedFilename(), /^考核自评-丹凤县-2022\.xlsx$/)
    assert.equal(fs.readFileSync(await sheet.path()).subarray(0, 2).toString('latin1'), 'PK')
    await shot(page, 'assessment-self-approved')
  })
})
