// The annual summary page as sx_province on the demo data: 报告生成 › 年度工作总结 from the menu,
// then 丹凤县 2021 (kept in the URL): the report states seed 000's figures (9806万元 of funds,
// 24 projects, 284 workers placed in the paired east), tables the projects and charts the money;
// a paragraph is edited, and the Word download carries the edit, is a .docx and holds the chart;
// the first half year's summary is titled so. Then 统计报表 of 商洛市.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { withPage, login, openMenu, shot, tid, apiResponse, pickOption } from './lib.mjs'

test('sx_province: 丹凤县 2021 annual summary, edit a paragraph, download the .docx', async () => {
  await withPage('report-sx-province', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    const first = apiResponse(page, /^\/api\/v1\/reports\/annual\?/)
    await openMenu(page, 'menu-report-annual')
    assert.equal((await first).status(), 200)

    const answered = apiResponse(page, /^\/api\/v1\/reports\/annual\?region_code=611022&year=2021/)
    await page.goto(`${e.url}/reports/annual?year=2021&region=611022`)
    assert.equal((await answered).status(), 200)
    await page.locator(`${tid('report-page')}[data-query="611022/2021"][data-loading="0"]`).waitFor()
    assert.equal((await page.textContent(tid('report-p-title'))).trim(), '丹凤县2021年东西部协作工作总结')
    const value = (key) => page.locator(tid(`report-p-${key}`)).inputValue()  // the testid is on the textarea
    assert.match(await value('done.funds'), /拨付协作资金9806万元，其中省级统筹9476万元、镇街330万元/)
    assert.match(await value('done.industry'), /协作项目24个/)
    assert.match(await value('done.labour'), /结对东部地区284人/)
    await page.locator(tid('report-table-projects')).waitFor()
    // The chart of the money figures, drawn as the .docx draws it.
    const chart = page.locator(tid('report-chart-money'))
    assert.match(await chart.textContent(), /图1 主要资金指标/)
    await chart.locator(`${tid('report-chart-canvas-money')} canvas`).waitFor()

    const edited = '（一）资金使用。全年共争取各类财政资金9806万元（已核对）。'
    await page.locator(tid('report-p-done.funds')).fill(edited)
    await page.locator(tid('report-edited')).waitFor()
    await shot(page, 'report-danfeng-2021')

    const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/v1\/reports\/annual\/docx\?/.test(r.url()))
    const downloading = page.waitForEvent('download')
    await page.click(tid('report-download'))
    const body = JSON.parse((await posted).postData())
    assert.deepEqual(body, { edits: { 'done.funds': edited } })
    const download = await downloading
    assert.match(download.suggestedFilename(), /丹凤县2021年东西部协作工作总结\.docx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the download is a ZIP (docx)')
    assert.ok(bytes.includes('word/media/image1.png'), 'the .docx holds the chart as a PNG')

    // Printed: the document as edited, without the menus and the form.
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator(tid('sidebar')).isVisible(), false, 'the menu is not printed')
    assert.equal(await page.locator(tid('report-generate')).isVisible(), false, 'the form is not printed')
    assert.equal(await value('done.funds'), edited)
    await shot(page, 'report-danfeng-2021-print')

    // The first half year (上半年): January to June against the same months of 2020.
    await page.emulateMedia({ media: 'screen' })
    await pickOption(page, 'report-span', 'report-span-6')
    const half = apiResponse(page, /^\/api\/v1\/reports\/annual\?region_code=611022&year=2021&to_month=6/)
    await page.click(tid('report-generate'))
    assert.equal((await half).status(), 200)
    await page.locator(`${tid('report-page')}[data-query="611022/2021/6"][data-loading="0"]`).waitFor()
    assert.equal((await page.textContent(tid('report-p-title'))).trim(), '丹凤县2021年上半年东西部协作工作总结')
    assert.match(page.url(), /to_month=6/)
  })
})

// The statistical tables of 商洛市 2021: a table per area with 丹凤县's row holding its funds
// (9,806.00 万元) and placements in the paired east (284); the .xlsx downloads; printed, the
// page leaves out the menus and the form.
test('sx_province: 商洛市 2021 statistical tables, download the .xlsx, print view', async () => {
  await withPage('tables-sx-province', async ({ page, e }) => {
    await login(page, e, 'sx_province')
    const first = apiResponse(page, /^\/api\/v1\/reports\/tables\?/)
    await openMenu(page, 'menu-report-tables')
    assert.equal((await first).status(), 200)

    const answered = apiResponse(page, /^\/api\/v1\/reports\/tables\?region_code=6110&year=2021/)
    await page.goto(`${e.url}/reports/tables?year=2021&region=6110`)
    assert.equal((await answered).status(), 200)
    await page.locator(`${tid('tables-page')}[data-query="6110/2021"][data-loading="0"]`).waitFor()
    assert.equal((await page.textContent(tid('tables-title'))).trim(), '商洛市2021年东西部协作统计表')
    const row = async (sheet, region) => (await page.locator(`${tid(`tables-sheet-${sheet}`)} tr`, { hasText: region }).first().innerText()).replace(/\s+/g, ' ')
    assert.match(await row('资金使用', '丹凤县'), /9,806\.00/)
    assert.match(await row('劳务协作', '丹凤县'), /\b549\b.*\b284\b/)
    assert.match(await page.textContent(`${tid('tables-sheet-劳务协作')} thead`), /其中：结对东部地区（人）/)
    await shot(page, 'tables-shangluo-2021')

    const downloading = page.waitForEvent('download')
    await page.click(tid('tables-download'))
    const download = await downloading
    assert.match(download.suggestedFilename(), /商洛市2021年东西部协作统计表\.xlsx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the download is a ZIP (xlsx)')

    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator(tid('sidebar')).isVisible(), false, 'the menu is not printed')
    assert.equal(await page.locator(tid('tables-generate')).isVisible(), false, 'the form is not printed')
    assert.equal(await page.locator(tid('tables-title')).isVisible(), true)
    await shot(page, 'tables-shangluo-2021-print')
  })
})
