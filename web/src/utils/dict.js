// Dictionaries the UI offers in dropdowns; labels come from the i18n files.
export const LEVELS = ['province', 'city', 'county', 'town', 'village']
export const INSTITUTION_KINDS = [
  'school', 'kindergarten', 'hospital', 'health_centre', 'enterprise', 'social_org', 'industrial_park',
]
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'login', 'login_failed', 'logout', 'denied', 'password_change',
]
export const AUDIT_ENTITIES = ['institution', 'user', 'session', 'region', 'role']

// Unified social credit code (GB 32100-2015): 18 chars from digits and capitals without I O S V Z.
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

// Label for a dictionary value, falling back to the raw value when unknown.
export function dictLabel(t, te, group, value) {
  if (!value) return ''
  const key = `${group}.${value}`
  return te(key) ? t(key) : value
}
