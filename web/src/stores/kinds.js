// Cooperation record kinds (GET /api/v1/kinds?lang=): their fields, labels and groups drive the
// record pages, forms and the 协作台账 menu. Loaded after sign-in and again on a language switch.
import { defineStore } from 'pinia'
import { kindApi } from '@/api/client.js'
import { i18n } from '@/i18n/index.js'

// Menu order of the groups; a group the server adds later is listed after these.
export const RECORD_GROUPS = [
  'pairing', 'plan', 'meeting', 'fund', 'project', 'investment', 'labour', 'consumption', 'talent', 'donation',
]
export const GROUP_ICONS = {
  pairing: 'Connection', plan: 'Calendar', meeting: 'ChatDotRound', fund: 'Money', project: 'Folder',
  investment: 'TrendCharts', labour: 'Suitcase', consumption: 'ShoppingCart', talent: 'UserFilled', donation: 'Present',
}

let pending = null // the request in flight
let pendingLang = ''

export const useKindsStore = defineStore('kinds', {
  state: () => ({
    kinds: [], // as the server sends them
    lang: '', // the language they were loaded in
    loaded: false, // a load finished (possibly with an error)
    error: null, // the ApiError of the last load, if it failed
  }),
  getters: {
    byKey: (s) => Object.fromEntries(s.kinds.map((k) => [k.key, k])),
    // [{group, kinds}] of the kinds without a parent, in menu order.
    groups: (s) => {
      const by = new Map()
      for (const k of s.kinds) {
        if (k.parent) continue
        if (!by.has(k.group)) by.set(k.group, [])
        by.get(k.group).push(k)
      }
      const order = (g) => { const i = RECORD_GROUPS.indexOf(g); return i < 0 ? RECORD_GROUPS.length : i }
      return [...by.keys()].sort((a, b) => order(a) - order(b)).map((group) => ({ group, kinds: by.get(group) }))
    },
  },
  actions: {
    kind(key) {
      return this.byKey[key] || null
    },
    label(key) {
      const k = this.byKey[key]
      return k ? k.label : ''
    },
    // Loads the kinds in `lang` (the UI language by default); concurrent calls share one request.
    load(lang = i18n.global.locale.value) {
      if (pending && pendingLang === lang) return pending
      pendingLang = lang
      const mine = kindApi.list(lang).then((r) => {
        if (pending !== mine) return this.kinds
        this.kinds = (r && r.kinds) || []
        this.lang = lang
        this.error = null
        this.loaded = true
        return this.kinds
      }, (e) => {
        if (pending !== mine) return this.kinds
        this.error = e
        this.loaded = true
        return this.kinds
      }).finally(() => {
        if (pending === mine) pending = null
      })
      pending = mine
      return mine
    },
    // Resolves once kinds are loaded in the UI language (loading them if needed).
    ensure() {
      const lang = i18n.global.locale.value
      if (pending) return pending
      if (this.loaded && (this.lang === lang || this.error)) return Promise.resolve(this.kinds)
      return this.load(lang)
    },
    reset() {
      pending = null
      this.kinds = []
      this.lang = ''
      this.loaded = false
      this.error = null
    },
  },
})
