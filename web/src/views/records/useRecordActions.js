// Actions on one record shared by the list page and the child tables.
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { recordApi } from '@/api/client.js'
import { useUserStore } from '@/stores/user.js'
import { errorText } from '@/utils/errors.js'
import { recordTitle } from './fields.js'

export function useRecordActions() {
  const { t } = useI18n()
  const userStore = useUserStore()

  // May the user write records of `kind`? (`{group}:edit`; the record's own _can_edit decides per row.)
  const canEditKind = (kind) => !!kind && userStore.has(`${kind.group}:edit`)
  const canEditRow = (kind, row) => canEditKind(kind) && row && row._can_edit !== false

  // Asks, then deletes; true when deleted.
  async function remove(kind, row) {
    try {
      await ElMessageBox.confirm(t('common.deleteConfirm', { name: recordTitle(kind, row) }), t('common.deleteTitle'),
        { type: 'warning', confirmButtonClass: 'confirm-delete' })
    } catch { return false }
    try {
      await recordApi.remove(kind.key, row.id)
      ElMessage.success(t('common.deleted'))
      return true
    } catch (e) {
      ElMessage.error(t('common.requestFailed', { msg: errorText(e) }))
      return false
    }
  }
  return { canEditKind, canEditRow, remove }
}
