// The workflow buttons of the entry page: 保存 and 提交 send the values typed, 提交 / 审核通过 /
// 撤销审核 ask first, 退回 comes with its comment; each answer is the form as it now stands.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { datasetApi } from '@/api/client.js'
import { usePeriodLabel } from './usePeriodLabel.js'

const ASKED = new Set(['submit', 'approve', 'unapprove'])

// form: ref of the loaded form; editable: whether its values can be saved; collect(): the
// values typed or null; show(form): takes an answer in; refused(ApiError): shows a refusal.
export function useEntryActions({ form, editable, collect, show, refused }) {
  const { t } = useI18n()
  const periodLabel = usePeriodLabel()
  const busy = ref('') // the action under way
  const returnOpen = ref(false)

  function question(action) {
    const f = form.value
    const chain = f.chain || []
    const approvals = f.submission.approvals || 0
    const what = { dataset: f.dataset.name, region: f.region.name, period: periodLabel(f.period) }
    if (action === 'submit') {
      return chain.length ? t('datasets.confirm.submit', { ...what, next: chain[0].name }) : t('datasets.confirm.submitFinal', what)
    }
    if (action === 'approve') {
      return approvals + 1 >= chain.length ? t('datasets.confirm.approveLast', what)
        : t('datasets.confirm.approve', { ...what, next: chain[approvals + 1].name })
    }
    return t('datasets.confirm.unapprove', what)
  }
  async function confirmed(action) {
    try {
      await ElMessageBox.confirm(question(action), t(`datasets.actions.${action}`), {
        type: 'warning', confirmButtonText: t(`datasets.actions.${action}`), cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'entry-confirm',
      })
      return true
    } catch {
      return false
    }
  }

  async function runAction(action, comment = '') {
    const f = form.value
    if (!f || busy.value) return
    const body = { version: f.submission.version }
    if ((action === 'save' || action === 'submit') && editable.value) {
      const values = collect()
      if (!values) return
      body.values = values
    }
    if (action === 'return') body.comment = comment
    if (ASKED.has(action) && !(await confirmed(action))) return
    busy.value = action
    try {
      const key = [f.dataset.code, f.region.code, f.period]
      show(action === 'save' ? await datasetApi.save(...key, body) : await datasetApi.act(...key, action, body))
      if (action === 'return') returnOpen.value = false
      ElMessage.success(t(`datasets.done.${action}`))
    } catch (e) {
      refused(e)
    } finally {
      busy.value = ''
    }
  }
  return { busy, returnOpen, runAction }
}
