// The user's scope as the default region of a check: its code ('' for the whole country) and
// the {code, name} a RegionPicker shows before its tree is loaded.
import { computed } from 'vue'
import { useUserStore } from '@/stores/user.js'

export function useScopeRegion() {
  const userStore = useUserStore()
  const code = computed(() => (userStore.scope && userStore.scope.region_code) || '')
  const initial = computed(() => (code.value ? { code: code.value, name: userStore.scope.region_name } : null))
  return { code, initial }
}
