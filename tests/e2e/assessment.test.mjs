// The assessment scores page as sx_province on the demo data: 考核评价 › 考核得分 from the menu,
// then 2021 and 商洛市 (kept in the URL): its counties ranked by the shipped template; 丹凤县's
// items show its 549 workers placed (seed 000) under 劳务协作, and the items without an
// agreement target or a self-evaluation as missing, so it has no grade yet; the scores export
// as .xlsx.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { withPage, login, openMenu, shot, tid, apiResponse } from './lib.mjs'

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
  })
})
