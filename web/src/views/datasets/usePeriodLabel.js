// A period as people read it in the UI language: '2026Q4' → 2026年第4季度 / Q4 2026.
import { useI18n } from 'vue-i18n'
import { parsePeriod } from './periods.js'

export function usePeriodLabel() {
  const { t } = useI18n()
  return (period) => {
    const p = parsePeriod(period)
    if (!p) return String(period ?? '')
    return t(`datasets.periodLabel.${p.type}`, { year: p.year, n: p.index })
  }
}
