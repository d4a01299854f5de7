// The data sets (GET /datasets) in the UI language, with the message of a failed load.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { datasetApi } from '@/api/client.js'
import { errorText } from '@/utils/errors.js'

export function useDatasets() {
  const { t, locale } = useI18n()
  const datasets = ref([])
  const error = ref('')
  async function load() {
    error.value = ''
    try {
      datasets.value = (await datasetApi.list(locale.value)).items || []
    } catch (e) {
      error.value = t('common.loadFailed', { msg: errorText(e) })
    }
  }
  return { datasets, error, load }
}
