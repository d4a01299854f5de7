// Small formatting helpers shared by the pages.

// ISO-8601 timestamp → local 'YYYY-MM-DD HH:mm:ss'; '' for empty, the input if unparsable.
export function formatTime(iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

// Pretty JSON for audit before/after; '' for null.
export function prettyJson(v) {
  if (v === null || v === undefined) return ''
  try { return JSON.stringify(v, null, 2) } catch { return String(v) }
}

// Downloads rows as a UTF-8 CSV with BOM (Excel opens it with Chinese intact).
// columns: [{key, label, format?}]
export function downloadCsv(filename, columns, rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [columns.map((c) => cell(c.label)).join(',')]
  for (const r of rows) lines.push(columns.map((c) => cell(c.format ? c.format(r[c.key], r) : r[c.key])).join(','))
  const blob = new Blob(['\ufeff' + lines.join('\r\n')], { type: 'text/csv;charset=utf-8' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}
