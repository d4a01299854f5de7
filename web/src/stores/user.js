// The signed-in user: identity, permissions, scope; single source for permission checks.
import { defineStore } from 'pinia'
import { authApi, setCsrfToken } from '@/api/client.js'
import { useKindsStore } from './kinds.js'

export const useUserStore = defineStore('user', {
  state: () => ({ user: null, loaded: false }),
  getters: {
    permissions: (s) => new Set((s.user && s.user.permissions) || []),
    scope: (s) => (s.user && s.user.scope) || null,
  },
  actions: {
    has(perm) {
      if (!perm) return true
      return this.permissions.has(perm)
    },
    // Write permission for an entity: the contract names `institution:edit`; `:write` is accepted too.
    canEdit(entity) {
      return this.permissions.has(`${entity}:edit`) || this.permissions.has(`${entity}:write`)
    },
    accept(data) {
      this.user = data.user
      setCsrfToken(data.csrf_token)
      this.loaded = true
    },
    async fetchMe() {
      try {
        this.accept(await authApi.me())
      } catch (e) {
        this.user = null
        this.loaded = true
        if (e.status !== 401) throw e
      }
      return this.user
    },
    async login(username, password) {
      this.accept(await authApi.login(username, password))
      return this.user
    },
    async logout() {
      try { await authApi.logout() } catch { /* the session is gone either way */ }
      this.clear()
    },
    clear() {
      this.user = null
      setCsrfToken('')
      useKindsStore().reset()
    },
  },
})
