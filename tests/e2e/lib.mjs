// Shared helpers for the browser tests: environment, Chromium launch, sign-in, screenshots.
// Inputs: XIEZUO_URL (base URL of a running xiezuo), XIEZUO_DEMO_ACCOUNTS (TSV with header
// username, password, role, region_code, region_name), XIEZUO_E2E_ARTIFACTS (optional folder for
// screenshots), CHROMIUM (optional browser path, default /usr/bin/chromium).
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

export const TIMEOUT_MS = 20000

// Reads the environment; throws (so the test fails, never skips) when an input is missing.
export function env() {
  const url = process.env.XIEZUO_URL
  const accountsFile = process.env.XIEZUO_DEMO_ACCOUNTS
  if (!url) throw new Error('XIEZUO_URL is not set (base URL of a running xiezuo, e.g. http://127.0.0.1:18080)')
  if (!accountsFile) throw new Error('XIEZUO_DEMO_ACCOUNTS is not set (path of the demo accounts TSV)')
  return { url: url.replace(/\/+$/, ''), accounts: readAccounts(accountsFile) }
}

// TSV with a header line → Map(username → {username, password, role, region_code, region_name}).
export function readAccounts(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines.length < 2) throw new Error(`${file}: no accounts`)
  const header = lines[0].split('\t').map((h) => h.trim())
  for (const col of ['username', 'password']) {
    if (!header.includes(col)) throw new Error(`${file}: header lacks column ${col}`)
  }
  const out = new Map()
  for (const line of lines.slice(1)) {
    const cells = line.split('\t')
    const row = Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()]))
    out.set(row.username, row)
  }
  return out
}

export function account(e, username) {
  const a = e.accounts.get(username)
  if (!a) throw new Error(`demo account ${username} is not in XIEZUO_DEMO_ACCOUNTS`)
  return a
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

function artifactsDir() {
  const dir = process.env.XIEZUO_E2E_ARTIFACTS
  if (!dir) return null
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

// Saves a full-page screenshot as <artifacts>/<name>.png when XIEZUO_E2E_ARTIFACTS is set.
export async function shot(page, name) {
  const dir = artifactsDir()
  if (!dir) return
  const safe = name.replace(/[^\w.-]+/g, '_')
  await page.screenshot({ path: path.join(dir, `${safe}.png`), fullPage: true }).catch(() => {})
}

// Runs fn({page, context, browser, e}) in a fresh browser (fresh profile: cookies and
// localStorage empty); on failure saves <name>-failure.png and the page's console log.
export async function withPage(name, fn, { viewport = { width: 1366, height: 768 } } = {}) {
  const e = env()
  const browser = await launch()
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  const consoleLines = []
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`))
  page.on('pageerror', (err) => consoleLines.push(`[pageerror] ${err.message}`))
  try {
    await fn({ page, context, browser, e })
  } catch (err) {
    await shot(page, `${name}-failure`)
    const dir = artifactsDir()
    if (dir) fs.writeFileSync(path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}-failure-console.txt`), consoleLines.join('\n'))
    throw err
  } finally {
    await context.close().catch(() => {})
    await browser.close().catch(() => {})
  }
}

export const tid = (id) => `[data-testid="${id}"]`

// Opens the Element Plus select `selectId` and clicks its option `optionId` (test ids).
export async function pickOption(page, selectId, optionId) {
  await page.click(tid(selectId))
  const option = page.locator(tid(optionId))
  await option.waitFor({ state: 'visible' })
  await option.click()
}

// Signs in through the login form and waits for the admin shell.
export async function login(page, e, username) {
  const a = account(e, username)
  await page.goto(`${e.url}/login`)
  await page.fill(tid('login-username'), a.username)
  await page.fill(tid('login-password'), a.password)
  await page.click(tid('login-submit'))
  await page.waitForSelector(tid('navbar'))
  return a
}

// Clicks a side-menu entry (opening the phone drawer first if the menu is in one).
export async function openMenu(page, testid) {
  const item = page.locator(tid(testid))
  if (!(await item.isVisible())) {
    const burger = page.locator(tid('hamburger'))
    if (await burger.isVisible()) await burger.click()
  }
  await item.click()
}

// Resolves when the next response for an /api/v1 path matching `re` (and method) arrives.
export function apiResponse(page, re, method = 'GET') {
  return page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname + new URL(r.url()).search))
}
