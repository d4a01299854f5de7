// Sign-in: wrong password is refused with the right message; admin signs in, sees the whole
// menu, and switches the UI to English (kept across a reload) and back to Chinese.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { withPage, login, account, shot, tid } from './lib.mjs'

test('wrong password shows 用户名或密码错误', async () => {
  await withPage('login-wrong-password', async ({ page, e }) => {
    const a = account(e, 'admin')
    await page.goto(`${e.url}/login`)
    await assert.doesNotReject(page.waitForSelector(tid('login-title')))
    assert.match(await page.textContent(tid('login-title')), /xiezuo 东西部协作平台/)
    await page.fill(tid('login-username'), a.username)
    await page.fill(tid('login-password'), `${a.password}-wrong`)
    await page.click(tid('login-submit'))
    const error = page.locator(tid('login-error'))
    await error.waitFor()
    assert.match(await error.innerText(), /用户名或密码错误/)
    await shot(page, 'login-wrong-password')
    assert.equal(new URL(page.url()).pathname, '/login')
  })
})

test('admin signs in, sees the menu, switches language and back', async () => {
  await withPage('login-admin', async ({ page, e }) => {
    await login(page, e, 'admin')
    for (const id of ['menu-home', 'menu-regions', 'menu-institutions', 'menu-users', 'menu-roles', 'menu-audit']) {
      await page.locator(tid(id)).waitFor({ state: 'visible' })
    }
    assert.match(await page.locator(tid('menu-home')).innerText(), /首页/)
    await page.locator(tid('home-welcome')).waitFor()
    await shot(page, 'login-admin-home')

    await page.click(tid('lang-switch'))
    await page.click(tid('lang-en'))
    await page.locator(tid('menu-home'), { hasText: 'Home' }).waitFor()
    assert.match(await page.locator(tid('menu-institutions')).innerText(), /Institutions/)
    await page.reload()
    await page.locator(tid('menu-home'), { hasText: 'Home' }).waitFor()
    await shot(page, 'login-admin-english')

    await page.click(tid('lang-switch'))
    await page.click(tid('lang-zh'))
    await page.locator(tid('menu-home'), { hasText: '首页' }).waitFor()
    assert.match(await page.locator(tid('menu-regions')).innerText(), /行政区划/)
  })
})
