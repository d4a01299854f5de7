// Institutions as danfeng_county: add through the dialog (an enterprise with a bad credit code
// shows the field error; as a hospital with no code it saves), edit, delete; then a phone-width
// (390×844) smoke check that the page renders with the drawer menu.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, login, openMenu, shot, tid, apiResponse, pickOption } from './lib.mjs'

test('add, edit and delete an institution through the dialog', async () => {
  await withPage('institutions-crud', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    await openMenu(page, 'menu-institutions')
    await page.locator(tid('inst-table')).waitFor()

    const name = `E2E测试卫生机构${Date.now()}`
    await page.click(tid('inst-add'))
    const dialog = page.locator(tid('inst-dialog'))
    await dialog.waitFor()
    await page.fill(tid('inst-form-name'), name)

    // An enterprise with a malformed credit code: the error shows under the field.
    await pickOption(page, 'inst-form-kind', 'inst-form-kind-enterprise')
    await page.fill(tid('inst-form-credit-code'), 'NOT-A-CODE')
    await page.click(tid('inst-form-submit'))
    const codeError = page.locator(`${tid('inst-form-item-credit-code')} .el-form-item__error`)
    await codeError.waitFor()
    assert.ok((await codeError.innerText()).length > 0)
    await shot(page, 'institutions-credit-code-error')

    // As a hospital with no credit code it saves.
    await pickOption(page, 'inst-form-kind', 'inst-form-kind-hospital')
    await page.fill(tid('inst-form-credit-code'), '')
    await page.fill(tid('inst-form-address'), '丹凤县龙驹寨街道')
    const created = apiResponse(page, /^\/api\/v1\/institutions$/, 'POST')
    await page.click(tid('inst-form-submit'))
    assert.equal((await created).status(), 201)
    await dialog.waitFor({ state: 'hidden' })
    const row = page.locator('.el-table__row', { hasText: name })
    await row.waitFor()
    await shot(page, 'institutions-created')

    // Edit: rename.
    await row.locator(tid('inst-row-edit')).click()
    await dialog.waitFor()
    assert.equal(await page.inputValue(tid('inst-form-name')), name)
    const renamed = `${name}改`
    await page.fill(tid('inst-form-name'), renamed)
    const updated = apiResponse(page, /^\/api\/v1\/institutions\/\d+$/, 'PUT')
    await page.click(tid('inst-form-submit'))
    assert.equal((await updated).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    const renamedRow = page.locator('.el-table__row', { hasText: renamed })
    await renamedRow.waitFor()

    // Delete with confirmation.
    await renamedRow.locator(tid('inst-row-delete')).click()
    const deleted = apiResponse(page, /^\/api\/v1\/institutions\/\d+$/, 'DELETE')
    await page.locator('.el-message-box .confirm-delete').click()
    assert.ok((await deleted).ok())
    await renamedRow.waitFor({ state: 'detached' })
    assert.equal(await page.locator('.el-table__row', { hasText: name }).count(), 0)
  })
})

test('phone width: drawer menu and institutions page render', async () => {
  await withPage('institutions-phone', async ({ page, e }) => {
    await login(page, e, 'danfeng_county')
    assert.equal(await page.locator(tid('sidebar')).isVisible(), false, 'no fixed sidebar at 390px')
    await page.click(tid('hamburger'))
    await page.locator(tid('sidebar-drawer')).waitFor()
    await page.locator(tid('menu-institutions')).waitFor({ state: 'visible' })
    await page.waitForTimeout(400) // let the drawer finish sliding in before the screenshot
    await shot(page, 'institutions-phone-drawer')
    await page.click(tid('menu-institutions'))
    await page.locator(tid('inst-table')).waitFor()
    await page.locator(tid('inst-row-name')).first().waitFor()
    await page.locator('.el-drawer').waitFor({ state: 'hidden' }) // the drawer closes on navigation
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page does not scroll sideways (overflow ${overflow}px)`)
    await shot(page, 'institutions-phone')
  }, { viewport: { width: 390, height: 844 } })
})
