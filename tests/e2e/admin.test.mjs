// Admin pages: users (admin listed), roles (with permissions), audit log (admin's login rows,
// a row expands to before/after).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, login, openMenu, shot, tid } from './lib.mjs'

test('admin opens users, roles and the audit log', async () => {
  await withPage('admin-pages', async ({ page, e }) => {
    await login(page, e, 'admin')

    await openMenu(page, 'menu-users')
    await page.locator(tid('user-row-username'), { hasText: /^admin$/ }).waitFor()
    assert.ok(await page.locator(`${tid('user-pagination')} .el-pagination__total`).isVisible())
    await shot(page, 'admin-users')

    await openMenu(page, 'menu-roles')
    await page.locator(tid('role-row-code')).first().waitFor()
    assert.ok(await page.locator(tid('role-row-code')).count() >= 2, 'several roles')
    assert.ok(await page.locator(`${tid('role-table')} .el-tag`).count() > 0, 'roles show permissions')
    await shot(page, 'admin-roles')

    await openMenu(page, 'menu-audit')
    const loginRow = page.locator('.el-table__row', {
      has: page.locator(`${tid('audit-row-action')}[data-action="login"]`),
    }).filter({ has: page.locator(tid('audit-row-username'), { hasText: /^admin$/ }) })
    await loginRow.first().waitFor()
    await loginRow.first().locator('.el-table__expand-icon').click()
    await page.locator(tid('audit-diff')).first().waitFor()
    await shot(page, 'admin-audit')

    // Tabs: every page opened has a tab.
    for (const p of ['/', '/system/users', '/system/roles', '/system/audit']) {
      assert.equal(await page.locator(tid(`tag-${p}`)).count(), 1, `tab for ${p}`)
    }
  })
})
