// The unit text beside an indicator's values in the UI language: the user's money unit for
// money, '%' for percent, else the unit's name from the i18n files (the server's unit_label is
// Chinese in every language), falling back to unit_label.
import { useI18n } from 'vue-i18n'
import { useAppStore } from '@/stores/app.js'
import { unitText } from '@/utils/analytics.js'

export function useUnits() {
  const { t, te } = useI18n()
  const app = useAppStore()
  return (indicator) => {
    if (!indicator) return ''
    const key = `analytics.units.${indicator.unit}`
    return unitText(indicator, t(`money.${app.moneyUnit}`), te(key) ? t(key) : '')
  }
}
