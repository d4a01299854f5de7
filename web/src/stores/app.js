// Layout state: sidebar collapse, phone-width drawer, the visited-page tabs (tags-view), and
// the money unit (元 / 万元 / 亿元) amounts are shown and typed in.
import { defineStore } from 'pinia'
import { DEFAULT_MONEY_UNIT, isMoneyUnit } from '@/utils/money.js'

const COLLAPSE_KEY = 'xiezuo.sidebarCollapsed'
const MONEY_UNIT_KEY = 'xiezuo.moneyUnit'
export const MOBILE_WIDTH = 768

function savedMoneyUnit() {
  try {
    const saved = localStorage.getItem(MONEY_UNIT_KEY)
    if (isMoneyUnit(saved)) return saved
  } catch { /* storage unavailable: use the default */ }
  return DEFAULT_MONEY_UNIT
}

export const useAppStore = defineStore('app', {
  state: () => ({
    collapsed: localStorage.getItem(COLLAPSE_KEY) === '1',
    isMobile: window.innerWidth < MOBILE_WIDTH,
    drawerOpen: false,
    visited: [], // [{path, fullPath, title, kind?}]: title is an i18n key; kind: a record kind's key
    moneyUnit: savedMoneyUnit(), // 'yuan' | 'wan' | 'yi'
  }),
  actions: {
    toggleSidebar() {
      if (this.isMobile) {
        this.drawerOpen = !this.drawerOpen
        return
      }
      this.collapsed = !this.collapsed
      localStorage.setItem(COLLAPSE_KEY, this.collapsed ? '1' : '0')
    },
    setMoneyUnit(unit) {
      if (!isMoneyUnit(unit)) return
      this.moneyUnit = unit
      try { localStorage.setItem(MONEY_UNIT_KEY, unit) } catch { /* ignore */ }
    },
    setMobile(mobile) {
      this.isMobile = mobile
      if (!mobile) this.drawerOpen = false
    },
    addView(route) {
      if (!route.meta || !route.meta.title || route.meta.public) return
      const found = this.visited.find((v) => v.path === route.path)
      if (found) {
        found.fullPath = route.fullPath
        return
      }
      this.visited.push({
        path: route.path, fullPath: route.fullPath, title: route.meta.title, affix: !!route.meta.affix,
        kind: route.meta.kindRoute ? String(route.params.kind || '') : undefined,
      })
    },
    // Returns the remaining views so the caller can navigate away from a closed current tab.
    removeView(path) {
      this.visited = this.visited.filter((v) => v.affix || v.path !== path)
      return this.visited
    },
    removeOthers(path) {
      this.visited = this.visited.filter((v) => v.affix || v.path === path)
    },
    removeAll() {
      this.visited = this.visited.filter((v) => v.affix)
    },
    reset() {
      this.visited = []
      this.drawerOpen = false
    },
  },
})
