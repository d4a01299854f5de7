// Columns, header labels and the totals (summary) row of a record table, shared by the list page
// and the child tables.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAppStore } from '@/stores/app.js'
import { formatFen } from '@/utils/money.js'
import { listFields } from './fields.js'

// kind: ref/computed of the kind; totals: ref of the list answer's `totals`; hide: keys not shown.
export function useRecordTable(kind, totals, hide = []) {
  const { t } = useI18n()
  const app = useAppStore()
  const columns = computed(() => listFields(kind.value).filter((f) => !hide.includes(f.key)))
  // The column that carries the record's flags: the title field, else the first column.
  const flagKey = computed(() => {
    const cols = columns.value
    const title = kind.value && kind.value.title_field
    return cols.some((f) => f.key === title) ? title : (cols[0] && cols[0].key)
  })
  const unitLabel = computed(() => t(`money.${app.moneyUnit}`))
  const header = (f) => (f.type === 'money' ? t('money.withUnit', { label: f.label, unit: unitLabel.value }) : f.label)
  const align = (f) => (['money', 'int', 'percent'].includes(f.type) ? 'right' : 'left')
  const width = (f) => {
    switch (f.type) {
      case 'money': return 150
      case 'date': return 116
      case 'year': case 'bool': return 90
      case 'int': case 'percent': return 110
      case 'textarea': return 220
      default: return 130
    }
  }
  const hasTotals = computed(() => columns.value.some((f) => f.total))

  function totalText(f) {
    const v = totals.value ? totals.value[f.key] : undefined
    if (v === undefined || v === null) return ''
    if (f.type === 'money') return formatFen(v, app.moneyUnit)
    return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  }
  // el-table summary-method: 合计 in the first column, each total field's sum under it.
  function summaryMethod({ columns: cols }) {
    const byKey = Object.fromEntries(columns.value.map((f) => [f.key, f]))
    return cols.map((col, i) => {
      if (i === 0) return t('record.totalRow')
      const f = byKey[col.property]
      return f && f.total ? totalText(f) : ''
    })
  }
  return { columns, flagKey, header, align, width, hasTotals, summaryMethod, unitLabel }
}
