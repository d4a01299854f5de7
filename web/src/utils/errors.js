// Turns an ApiError into a message in the current language.
import { t } from '@/i18n/index.js'

export function errorText(e) {
  if (!e) return ''
  if (e.code === 'network') return t('errors.network')
  const generic = e.code ? t(`errors.${e.code}`) : ''
  if (e.message && e.message !== e.code) return e.message
  return generic || String(e)
}
