// The workflow buttons of a submission's page (a data-set form, a self-evaluation): 保存 and 提交
// send what was typed, 提交 / 审核通过 / 撤销审核 ask first, 退回 comes with its comment; each
// answer is the submission as it now stands.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { datasetApi } from '@/api/client.js'
import { usePeriodLabel } from './usePeriodLabel.js'

const ASKED = new Set(['submit', 'approve', 'unapprove'])

// form: ref of the loaded answer (with submission.version); editable: whether it can be saved;
// collect(): what was typed, or null; show(answer): takes an answer in; refused(ApiError): shows
// a refusal; send(action, body): the request of a step ('save' included); question(action): what
// the confirmation asks; field: the body's key for what was typed; confirmClass: the confirm
// button's class (for tests).
export function useWorkflowActions({ form, editable, collect, show, refused, send, question, field, confirmClass }) {
  const { t } = useI18n()
  const busy = ref('') // the action under way
  const returnOpen = ref(false)

  async function confirmed(action) {
    try {
      await ElMessageBox.confirm(question(action), t(`datasets.actions.${action}`), {
        type: 'warning', confirmButtonText: t(`datasets.actions.${action}`), cancelButtonText: t('common.cancel'),
        confirmButtonClass: confirmClass,
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
      const typed = collect()
      if (!typed) return
      body[field] = typed
    }
    if (action === 'return') body.comment = comment
    if (ASKED.has(action) && !(await confirmed(action))) return
    busy.value = action
    try {
      show(await send(action, body))
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

// The data-entry form's buttons: its values go to …/entries/{code}/{period}.
export function useEntryActions({ form, editable, collect, show, refused }) {
  const { t } = useI18n()
  const periodLabel = usePeriodLabel()
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
  function send(action, body) {
    const key = [form.value.dataset.code, form.value.region.code, form.value.period]
    return action === 'save' ? datasetApi.save(...key, body) : datasetApi.act(...key, action, body)
  }
  return useWorkflowActions({ form, editable, collect, show, refused, send, question, field: 'values', confirmClass: 'entry-confirm' })
}
