// Loading state for one query at a time: run(fn) keeps only the answer of the latest call (an
// older one finishing late is dropped) and turns failures into a message.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { t } from '@/i18n/index.js'
import { errorText } from '@/utils/errors.js'

export function useLoader() {
  const data = ref(null)
  const loading = ref(false)
  const error = ref('')
  let seq = 0
  async function run(fn) {
    const mine = ++seq
    loading.value = true
    error.value = ''
    try {
      const r = await fn()
      if (mine === seq) data.value = r
    } catch (e) {
      if (mine !== seq) return
      data.value = null
      error.value = t('common.loadFailed', { msg: errorText(e) })
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { data, loading, error, run }
}

// An export button's state: run(fn) downloads and says so, or shows why it failed.
export function useExporter() {
  const exporting = ref(false)
  async function run(fn) {
    exporting.value = true
    try {
      await fn()
      ElMessage.success(t('record.exportStarted'))
    } catch (e) {
      ElMessage.error(t('common.requestFailed', { msg: errorText(e) }))
    } finally {
      exporting.value = false
    }
  }
  return { exporting, run }
}
