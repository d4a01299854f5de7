// The region and year a report page asks for, kept in the URL (?year=&region=): the form, the
// query it sends, the report on the page (which a download is of, whatever the form now says),
// and the region picker's label before its tree loads. `data`: the loaded report's ref, whose
// answer carries region_code, region_name and year. `extra`: further numeric parameters of the
// page with their defaults ({ to_month: 12 }), kept in the URL and the answer under the same name.
import { computed, reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useScopeRegion } from '@/views/checks/useScopeRegion.js'

export function useReportForm(data, extra = {}) {
  const route = useRoute()
  const router = useRouter()
  const scope = useScopeRegion()
  const keys = Object.keys(extra)
  const form = reactive({
    year: Number(route.query.year) || new Date().getFullYear() - 1,
    region_code: String(route.query.region ?? scope.code.value),
    ...Object.fromEntries(keys.map((k) => [k, Number(route.query[k]) || extra[k]])),
  })
  const pick = (from) => Object.fromEntries(keys.map((k) => [k, from[k]]))
  const query = () => ({ region_code: form.region_code, year: form.year, ...pick(form) })
  const shown = () => ({ region_code: data.value.region_code, year: data.value.year, ...pick(data.value) })
  const pickerInitial = computed(() => (data.value ? { code: data.value.region_code, name: data.value.region_name } : scope.initial.value))
  // Puts the form in the URL, so a reload or a shared link shows the same.
  const remember = () => router.replace({ query: { ...route.query, year: form.year, region: form.region_code, ...pick(form) } })
  return { form, query, shown, pickerInitial, remember }
}
