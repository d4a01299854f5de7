// The one module that talks to the xiezuo API (/api/v1): a fetch wrapper plus one small
// function per endpoint. Errors come back as ApiError {status, code, message, details}.

const BASE = '/api/v1'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = ''
let onUnauthenticated = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login')
}

// The server hands out the CSRF token at login and on /auth/me.
export function setCsrfToken(token) { csrfToken = token || '' }

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

// REQUIRES: path starts with '/'. Options: query (object), body (JSON-able),
// noAuthRedirect (do not leave the page on 401, e.g. for login and /auth/me).
export async function request(method, path, { query, body, noAuthRedirect = false } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(BASE + path + buildQuery(query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new ApiError(0, 'network', e.message, [])
  }
  const text = res.status === 204 ? '' : await res.text()
  let data = null
  if (text) {
    try { data = JSON.parse(text) } catch { data = null }
  }
  if (!res.ok) {
    const err = (data && data.error) || {}
    const apiErr = new ApiError(res.status, err.code || CODE_BY_STATUS[res.status] || 'internal',
      err.message || res.statusText, err.details)
    if (res.status === 429) apiErr.retryAfter = Number(res.headers.get('Retry-After')) || 0
    if (res.status === 401 && !noAuthRedirect) {
      csrfToken = ''
      onUnauthenticated(apiErr)
    }
    throw apiErr
  }
  return data
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
