// vue-i18n setup: Chinese first, English on request; the choice persists in localStorage.
import { createI18n } from 'vue-i18n'
import { setRequestLang } from '@/api/client.js'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LANG_KEY = 'xiezuo.lang'
export const LANGS = ['zh-CN', 'en']

function initialLang() {
  try {
    const saved = localStorage.getItem(LANG_KEY)
    if (LANGS.includes(saved)) return saved
  } catch { /* storage unavailable: use the default */ }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

setRequestLang(i18n.global.locale.value)

export function setLang(lang) {
  if (!LANGS.includes(lang)) return
  i18n.global.locale.value = lang
  setRequestLang(lang)
  document.documentElement.lang = lang
  try { localStorage.setItem(LANG_KEY, lang) } catch { /* ignore */ }
}

export const t = (...args) => i18n.global.t(...args)
