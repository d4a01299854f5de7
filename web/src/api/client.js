// The one module that talks to the xiezuo API (/api/v1): a fetch wrapper plus one small
// function per endpoint. Errors come back as ApiError {status, code, message, details}.

const BASE = '/api/v1'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = ''
let requestLang = '' // the UI language, sent as Accept-Language (server labels and messages)
let onUnauthenticated = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login')
}

// The server hands out the CSRF token at login and on /auth/me.
export function setCsrfToken(token) { csrfToken = token || '' }

// The UI language ('zh-CN' | 'en') for Accept-Language.
export function setRequestLang(lang) { requestLang = lang || '' }

// Installed by the router so a 401 keeps the SPA (and the current path) instead of reloading.
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn }

const CODE_BY_STATUS = {
  400: 'invalid_argument', 401: 'unauthenticated', 403: 'permission_denied', 404: 'not_found',
  409: 'already_exists', 412: 'failed_precondition', 429: 'resource_exhausted',
}

// An error returned by the server; `details` is [{field, reason}] for field errors.
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = Array.isArray(details) ? details : []
  }

  // {field: reason} for showing under form fields.
  fieldErrors() {
    const out = {}
    for (const d of this.details) if (d && d.field) out[d.field] = d.reason || this.message
    return out
  }
}

function buildQuery(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

// Headers for a request; writes carry the CSRF token.
function headersFor(method, extra) {
  const headers = { Accept: 'application/json', ...extra }
  if (requestLang) headers['Accept-Language'] = requestLang
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  return headers
}

async function send(url, init) {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init })
  } catch (e) {
    throw new ApiError(0, 'network', e.message, [])
  }
}

function parseJson(text) {
  if (!text) return null
  try { return JSON.parse(text) } catch { return null }
}

// The ApiError for a failed response whose body text is `text`; a 401 also signs the SPA out
// unless noAuthRedirect.
function failure(res, text, noAuthRedirect) {
  const data = parseJson(text)
  const err = (data && data.error) || {}
  const apiErr = new ApiError(res.status, err.code || CODE_BY_STATUS[res.status] || 'internal',
    err.message || res.statusText, err.details)
  if (res.status === 429) apiErr.retryAfter = Number(res.headers.get('Retry-After')) || 0
  if (res.status === 401 && !noAuthRedirect) {
    csrfToken = ''
    onUnauthenticated(apiErr)
  }
  return apiErr
}

// REQUIRES: path starts with '/'. Options: query (object), body (JSON-able),
// noAuthRedirect (do not leave the page on 401, e.g. for login and /auth/me).
export async function request(method, path, { query, body, noAuthRedirect = false } = {}) {
  const headers = headersFor(method, body !== undefined ? { 'Content-Type': 'application/json' } : {})
  const res = await send(BASE + path + buildQuery(query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = res.status === 204 ? '' : await res.text()
  if (!res.ok) throw failure(res, text, noAuthRedirect)
  return parseJson(text)
}

// Sends a File or Blob as the raw request body (e.g. an Excel import) with the CSRF header;
// returns the JSON answer. REQUIRES: path starts with '/'.
export async function upload(path, file, { query, method = 'POST' } = {}) {
  const res = await send(BASE + path + buildQuery(query), {
    method,
    headers: headersFor(method, { 'Content-Type': (file && file.type) || 'application/octet-stream' }),
    body: file,
  })
  const text = await res.text()
  if (!res.ok) throw failure(res, text, false)
  return parseJson(text)
}

// The file name a Content-Disposition header carries (RFC 6266 filename* first), or ''.
function dispositionName(header) {
  if (!header) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')) } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header)
  return plain ? (plain[2] ?? plain[1]).trim() : ''
}

// Hands a Blob to the browser as a download named `filename`.
export function saveBlob(blob, filename) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10000)
}

// GETs a file (an export, a template) and saves it; the name comes from Content-Disposition,
// else `fallbackName`. Errors come back as ApiError like any other call. Returns the name used.
// With `body`, POSTs it as JSON instead (a file made from what the user sends, e.g. edits).
export async function download(path, query, fallbackName = 'download', body = undefined) {
  const method = body === undefined ? 'GET' : 'POST'
  const extra = body === undefined ? { Accept: '*/*' } : { Accept: '*/*', 'Content-Type': 'application/json' }
  const init = { method, headers: headersFor(method, extra) }
  if (body !== undefined) init.body = JSON.stringify(body)
  const res = await send(BASE + path + buildQuery(query), init)
  if (!res.ok) throw failure(res, await res.text(), false)
  const blob = await res.blob()
  const name = dispositionName(res.headers.get('Content-Disposition')) || fallbackName
  saveBlob(blob, name)
  return name
}

const get = (path, query, opts) => request('GET', path, { ...opts, query })
const post = (path, body, opts) => request('POST', path, { ...opts, body: body ?? {} })
const put = (path, body) => request('PUT', path, { body: body ?? {} })
const del = (path) => request('DELETE', path)
const enc = encodeURIComponent

export const authApi = {
  login: (username, password) => post('/auth/login', { username, password }, { noAuthRedirect: true }),
  logout: () => post('/auth/logout', {}, { noAuthRedirect: true }),
  me: () => get('/auth/me', undefined, { noAuthRedirect: true }),
  changePassword: (oldPassword, newPassword) =>
    post('/auth/password', { old_password: oldPassword, new_password: newPassword }),
}

export const regionApi = {
  roots: () => get('/regions/roots'),
  get: (code) => get(`/regions/${enc(code)}`),
  children: (code, page = 1, pageSize = 500) =>
    get(`/regions/${enc(code)}/children`, { page, page_size: pageSize }),
  path: (code) => get(`/regions/${enc(code)}/path`),
  search: (q, page = 1, pageSize = 50) => get('/regions', { q, page, page_size: pageSize }),
  // Everywhere, not only inside the user's scope: to name the other side of a pairing.
  searchAnywhere: (q, pageSize = 30) => get('/regions', { q, anywhere: 1, page: 1, page_size: pageSize }),
}

export const institutionApi = {
  list: (query) => get('/institutions', query),
  get: (id) => get(`/institutions/${enc(id)}`),
  create: (body) => post('/institutions', body),
  update: (id, body) => put(`/institutions/${enc(id)}`, body),
  remove: (id) => del(`/institutions/${enc(id)}`),
}

export const roleApi = { list: () => get('/roles') }

export const userApi = {
  list: (query) => get('/users', query),
  create: (body) => post('/users', body),
  update: (id, body) => put(`/users/${enc(id)}`, body),
  resetPassword: (id, password) => post(`/users/${enc(id)}/password`, { password }),
}

export const auditApi = { list: (query) => get('/audit', query) }

// Cooperation records (协作台账), one generic set of routes for every kind: docs/api/records.md.
export const kindApi = { list: (lang) => get('/kinds', { lang }) }

export const recordApi = {
  list: (kind, query) => get(`/records/${enc(kind)}`, query),
  get: (kind, id, reveal = false) => get(`/records/${enc(kind)}/${enc(id)}`, reveal ? { reveal: 1 } : undefined),
  create: (kind, body) => post(`/records/${enc(kind)}`, body),
  update: (kind, id, body) => put(`/records/${enc(kind)}/${enc(id)}`, body),
  remove: (kind, id) => del(`/records/${enc(kind)}/${enc(id)}`),
  history: (kind, id) => get(`/records/${enc(kind)}/${enc(id)}/history`),
  template: (kind, lang) => download(`/records/${enc(kind)}/template`, { lang }, `${kind}-template.xlsx`),
  exportList: (kind, query) => download(`/records/${enc(kind)}/export`, query, `${kind}.xlsx`),
  // mode: 'all' | 'valid'; dryRun: check only, write nothing.
  importFile: (kind, file, { mode = 'all', dryRun = false } = {}) => upload(`/records/${enc(kind)}/import`, file,
    { query: { filename: file.name, mode, dry_run: dryRun ? 1 : 0 } }),
}

export const fundApi = { summary: (query) => get('/funds/summary', query) }

// Indicators (指标) and their live figures: docs/api/openapi.yaml, tag "analytics". Table and
// series queries take the parameters the server documents (indicators as a comma list).
export const analyticsApi = {
  indicators: (lang) => get('/indicators', { lang }),
  table: (query) => get('/analytics/table', query),
  // Agreement targets of the region's pairings for a year, with the figure and ratio.
  targets: (query) => get('/analytics/targets', query),
  series: (query) => get('/analytics/series', query),
  // money_unit: 'yuan' | 'wan' | 'yi', the unit money columns are written in.
  exportTable: (query) => download('/analytics/table/export', query, 'figures.xlsx'),
  exportSeries: (query) => download('/analytics/series/export', query, 'trend.xlsx'),
}

// Aggregate data entry (数据填报): docs/api/openapi.yaml, tag "datasets". A form is one data set
// for one region and period; `body` is {version, values?: {key: integer|null}, comment?}.
export const datasetApi = {
  list: (lang) => get('/datasets', { lang }),
  setDeadline: (dataset, days) => put(`/datasets/${enc(dataset)}/deadline`, { deadline_days: days }),
  form: (dataset, region, period) => get(`/datasets/${enc(dataset)}/entries/${enc(region)}/${enc(period)}`),
  save: (dataset, region, period, body) => put(`/datasets/${enc(dataset)}/entries/${enc(region)}/${enc(period)}`, body),
  // action: 'submit' | 'approve' | 'return' | 'unapprove'.
  act: (dataset, region, period, action, body) =>
    post(`/datasets/${enc(dataset)}/entries/${enc(region)}/${enc(period)}/${enc(action)}`, body),
  // query: {dataset, region_code, period, status, awaiting: 1, lang}.
  submissions: (query) => get('/submissions', query),
}

// Checks on the numbers (数据核查): docs/api/openapi.yaml, tag "checks".
export const checkApi = {
  rules: (lang) => get('/checks/rules', { lang }),
  validation: (query) => get('/checks/validation', query),
  reconciliation: (query) => get('/checks/reconciliation', query),
  completeness: (query) => get('/checks/completeness', query),
}

// Assessment (考核): docs/api/openapi.yaml, tag "assessment". side: 'east' | 'west'.
export const assessmentApi = {
  template: (year, side, version) => get(`/assessment/templates/${enc(year)}/${enc(side)}`, { version }),
  saveTemplate: (year, side, template) => put(`/assessment/templates/${enc(year)}/${enc(side)}`, template),
  // query: {year, region_code | regions, side, version, lang}.
  scores: (query) => get('/assessment/scores', query),
  exportScores: (query) => download('/assessment/scores/export', query, 'assessment.xlsx'),
  // A region's self-evaluation (考核自评) for a year; body: {version, items?: {code: {text,
  // partner_opinion, points}}, comment?}; action: 'submit' | 'approve' | 'return' | 'unapprove'.
  self: (region, year, lang) => get(`/assessment/self/${enc(region)}/${enc(year)}`, { lang }),
  saveSelf: (region, year, body) => put(`/assessment/self/${enc(region)}/${enc(year)}`, body),
  actSelf: (region, year, action, body) => post(`/assessment/self/${enc(region)}/${enc(year)}/${enc(action)}`, body),
  // Evidence for one item: a File (PDF, Word or image).
  addSelfFile: (region, year, item, file) =>
    upload(`/assessment/self/${enc(region)}/${enc(year)}/files`, file, { query: { item, filename: file.name } }),
  exportSelf: (region, year, lang) =>
    download(`/assessment/self/${enc(region)}/${enc(year)}/export`, { lang }, 'self-evaluation.xlsx'),
  selfFile: (region, year, id, name) => download(`/assessment/self/${enc(region)}/${enc(year)}/files/${enc(id)}`, undefined, name),
  removeSelfFile: (region, year, id) => del(`/assessment/self/${enc(region)}/${enc(year)}/files/${enc(id)}`),
}

// Reports that write themselves: docs/api/openapi.yaml, tag "reports". query: {region_code, year}.
export const reportApi = {
  annual: (query) => get('/reports/annual', query),
  // edits: {paragraph key: text}; saves the .docx.
  annualDocx: (query, edits) => download('/reports/annual/docx', query, 'report.docx', { edits }),
  // The statistical tables: a sheet per area, rows by child region, totals.
  tables: (query) => get('/reports/tables', query),
  tablesXlsx: (query) => download('/reports/tables/xlsx', query, 'tables.xlsx'),
}

export const versionApi = { get: () => get('/version', undefined, { noAuthRedirect: true }) }

// Fetches every page of a paged list (for export), at most `limit` rows.
export async function fetchAll(listFn, query, limit = 10000) {
  const items = []
  for (let page = 1; items.length < limit; page++) {
    const r = await listFn({ ...query, page, page_size: 500 })
    items.push(...(r.items || []))
    if (!r.items || r.items.length === 0 || items.length >= (r.total || 0)) break
  }
  return items
}
