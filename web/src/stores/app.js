// Layout state: sidebar collapse, phone-width drawer, and the visited-page tabs (tags-view).
import { defineStore } from 'pinia'

const COLLAPSE_KEY = 'xiezuo.sidebarCollapsed'
export const MOBILE_WIDTH = 768

export const useAppStore = defineStore('app', {
  state: () => ({
    collapsed: localStorage.getItem(COLLAPSE_KEY) === '1',
    isMobile: window.innerWidth < MOBILE_WIDTH,
    drawerOpen: false,
    visited: [], // [{path, fullPath, title}] where title is an i18n key
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
      this.visited.push({ path: route.path, fullPath: route.fullPath, title: route.meta.title, affix: !!route.meta.affix })
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
