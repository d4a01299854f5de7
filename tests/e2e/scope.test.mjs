// Scope: a county office sees only its own county. danfeng_county's region tree starts at
// 丹凤县 and expands to its towns; its institution list has the 丹凤 fixture and not the
// 雨花台 one; asking the API for 雨花台区's institutions is refused with 403.
// Fixture (made before the run): 雨花台区测试学校 in 320114, 丹凤县测试医院 in 611022.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, login, openMenu, shot, tid, apiResponse } from './lib.mjs'

const DANFENG = '611022'

test('danfeng_county sees 丹凤县 and its towns, and no 雨花台区 institutions', async () => {
  await withPage('scope-danfeng', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    assert.equal(await page.locator(tid('menu-users')).count(), 0, 'a county office has no user admin menu')

    // Regions: 丹凤县 is the (only) root; expanding it shows its towns.
    await openMenu(page, 'menu-regions')
    const root = page.locator(tid(`region-node-${DANFENG}`))
    await root.waitFor()
    assert.match(await root.innerText(), /丹凤县/)
    const roots = page.locator(`${tid('region-tree')} > .el-tree-node`)
    assert.equal(await roots.count(), 1, 'the tree has exactly one root for a county user')
    await root.click()
    const towns = page.locator(`[data-testid^="region-node-${DANFENG}"][data-level="town"]`)
    await towns.first().waitFor()
    const names = await towns.allInnerTexts()
    assert.ok(names.some((n) => /镇|街道/.test(n)), `a town of 丹凤县 named …镇/…街道, got ${names.join(', ')}`)
    await page.locator(tid('region-detail-code'), { hasText: DANFENG }).waitFor()
    assert.match(await page.locator(tid('region-detail-level')).innerText(), /县/)
    await page.waitForTimeout(500) // let the expand animation finish before the screenshot
    await shot(page, 'scope-danfeng-regions')

    // Institutions: the 丹凤 fixture is listed, the 雨花台 one is not.
    const listed = apiResponse(page, /^\/api\/v1\/institutions\?/)
    await openMenu(page, 'menu-institutions')
    assert.equal((await listed).status(), 200)
    await page.locator(tid('inst-row-name'), { hasText: '丹凤县测试医院' }).first().waitFor()
    assert.equal(await page.locator(tid('inst-row-name'), { hasText: '雨花台' }).count(), 0)
    await shot(page, 'scope-danfeng-institutions')

    // Searching for 雨花台 finds nothing.
    await page.fill(tid('inst-search-q'), '雨花台')
    const searched = apiResponse(page, /^\/api\/v1\/institutions\?.*q=/)
    await page.click(tid('inst-search-submit'))
    const r = await searched
    assert.equal(r.status(), 200)
    assert.equal((await r.json()).total, 0)
    await page.locator(`${tid('inst-table')} .el-table__empty-text`).waitFor()
    assert.equal(await page.locator(tid('inst-row-name')).count(), 0)
    await shot(page, 'scope-danfeng-search-yuhuatai')

    // The API itself refuses a region outside the scope.
    const status = await page.evaluate(async () =>
      (await fetch('/api/v1/institutions?region_code=320114', { credentials: 'same-origin' })).status)
    assert.equal(status, 403)
  })
})
