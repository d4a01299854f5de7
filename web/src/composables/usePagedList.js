// State for a paged list page: query → {items,total,page,page_size}, with loading and error;
// `data` is the whole last answer (for extras such as record totals).
import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorText } from '@/utils/errors.js'

// listFn(query) → Promise<{items,total}>; makeQuery() returns the current filters.
export function usePagedList(listFn, makeQuery, pageSize = 20) {
  const { t } = useI18n()
  const items = ref([])
  const total = ref(0)
  const data = ref(null)
  const loading = ref(false)
  const error = ref('')
  const pager = reactive({ page: 1, pageSize })
  let seq = 0

  async function load() {
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      const r = await listFn({ ...makeQuery(), page: pager.page, page_size: pager.pageSize })
      if (mine !== seq) return
      items.value = r.items || []
      total.value = r.total || 0
      data.value = r
    } catch (e) {
      if (mine !== seq) return
      items.value = []
      total.value = 0
      data.value = null
      error.value = t('common.loadFailed', { msg: errorText(e) })
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  // Back to page 1 (after a filter change).
  function search() {
    pager.page = 1
    return load()
  }
  return { items, total, data, loading, error, pager, load, search }
}
