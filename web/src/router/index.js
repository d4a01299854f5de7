// Routes, the menu they form, and the guard that enforces sign-in and permissions.
import { createRouter, createWebHistory } from 'vue-router'
import { setUnauthenticatedHandler } from '@/api/client.js'
import { useUserStore } from '@/stores/user.js'
import { useAppStore } from '@/stores/app.js'
import { useKindsStore } from '@/stores/kinds.js'
import Layout from '@/layout/Layout.vue'

// meta.title: i18n key; meta.perm: permission needed, or async (route) → permission;
// meta.icon: @element-plus/icons-vue name; meta.group: parent menu (i18n key) for pages under a
// sub-menu; meta.groupIcon: that sub-menu's icon (its first page's counts; default Setting);
// meta.kindRoute: the page of one record kind (its title is the kind's label).
export const appRoutes = [
  { path: '/', name: 'home', component: () => import('@/views/Home.vue'),
    meta: { title: 'menu.home', icon: 'HomeFilled', affix: true, testid: 'menu-home' } },
  { path: '/regions', name: 'regions', component: () => import('@/views/Regions.vue'),
    meta: { title: 'menu.regions', icon: 'Location', perm: 'region:read', testid: 'menu-regions' } },
  { path: '/institutions', name: 'institutions', component: () => import('@/views/Institutions.vue'),
    meta: { title: 'menu.institutions', icon: 'OfficeBuilding', perm: 'institution:read', testid: 'menu-institutions' } },
  { path: '/analytics/pivot', name: 'pivot', component: () => import('@/views/analytics/Pivot.vue'),
    meta: { title: 'menu.pivot', icon: 'DataAnalysis', perm: 'analytics:read', group: 'menu.analytics', groupIcon: 'TrendCharts', testid: 'menu-pivot' } },
  // 数据填报 (aggregate data entry) and 数据核查 (checks on the numbers).
  { path: '/datasets/entry', name: 'datasetEntry', component: () => import('@/views/datasets/Entry.vue'),
    meta: { title: 'datasets.menu.entry', icon: 'EditPen', perm: 'dataset:read', group: 'datasets.menu.datasets', groupIcon: 'Tickets', testid: 'menu-dataset-entry' } },
  { path: '/datasets/approvals', name: 'datasetApprovals', component: () => import('@/views/datasets/Approvals.vue'),
    meta: { title: 'datasets.menu.approvals', icon: 'Stamp', perm: 'dataset:read', group: 'datasets.menu.datasets', groupIcon: 'Tickets', testid: 'menu-dataset-approvals' } },
  { path: '/datasets/settings', name: 'datasetSettings', component: () => import('@/views/datasets/Settings.vue'),
    meta: { title: 'datasets.menu.settings', icon: 'Setting', perm: 'dataset:admin', group: 'datasets.menu.datasets', groupIcon: 'Tickets', testid: 'menu-dataset-settings' } },
  { path: '/checks/validation', name: 'checkValidation', component: () => import('@/views/checks/Validation.vue'),
    meta: { title: 'checks.menu.validation', icon: 'CircleCheck', perm: 'analytics:read', group: 'checks.menu.checks', groupIcon: 'Checked', testid: 'menu-check-validation' } },
  { path: '/checks/reconciliation', name: 'checkReconciliation', component: () => import('@/views/checks/Reconciliation.vue'),
    meta: { title: 'checks.menu.reconciliation', icon: 'Switch', perm: 'analytics:read', group: 'checks.menu.checks', groupIcon: 'Checked', testid: 'menu-check-reconciliation' } },
  { path: '/checks/completeness', name: 'checkCompleteness', component: () => import('@/views/checks/Completeness.vue'),
    meta: { title: 'checks.menu.completeness', icon: 'PieChart', perm: 'dataset:read', group: 'checks.menu.checks', groupIcon: 'Checked', testid: 'menu-check-completeness' } },
  // 考核评价 (assessment).
  { path: '/assessment/scores', name: 'assessmentScores', component: () => import('@/views/assessment/Scores.vue'),
    meta: { title: 'assessment.menu.scores', icon: 'Trophy', perm: 'assessment:read', group: 'assessment.menu.assessment', groupIcon: 'Medal', testid: 'menu-assessment-scores' } },
  { path: '/assessment/self', name: 'assessmentSelf', component: () => import('@/views/assessment/SelfEvaluation.vue'),
    meta: { title: 'assessment.menu.self', icon: 'EditPen', perm: 'assessment:read', group: 'assessment.menu.assessment', groupIcon: 'Medal', testid: 'menu-assessment-self' } },
  { path: '/assessment/template', name: 'assessmentTemplate', component: () => import('@/views/assessment/Template.vue'),
    meta: { title: 'assessment.menu.template', icon: 'List', perm: 'assessment:read', group: 'assessment.menu.assessment', groupIcon: 'Medal', testid: 'menu-assessment-template' } },
  // 报告生成 (reports).
  { path: '/reports/annual', name: 'annualReport', component: () => import('@/views/reports/Annual.vue'),
    meta: { title: 'reports.menu.annual', icon: 'Document', perm: 'analytics:read', group: 'reports.menu.reports', groupIcon: 'Notebook', testid: 'menu-report-annual' } },
  { path: '/reports/tables', name: 'statisticalTables', component: () => import('@/views/reports/Tables.vue'),
    meta: { title: 'reports.menu.tables', icon: 'Grid', perm: 'analytics:read', group: 'reports.menu.reports', groupIcon: 'Notebook', testid: 'menu-report-tables' } },
  { path: '/system/users', name: 'users', component: () => import('@/views/system/Users.vue'),
    meta: { title: 'menu.users', icon: 'User', perm: 'user:read', group: 'menu.system', testid: 'menu-users' } },
  { path: '/system/roles', name: 'roles', component: () => import('@/views/system/Roles.vue'),
    meta: { title: 'menu.roles', icon: 'Avatar', perm: 'role:read', group: 'menu.system', testid: 'menu-roles' } },
  { path: '/system/audit', name: 'audit', component: () => import('@/views/system/Audit.vue'),
    meta: { title: 'menu.audit', icon: 'Document', perm: 'audit:read', group: 'menu.system', testid: 'menu-audit' } },
]

// Every kind of cooperation record has one list page; reading it needs `{group}:read` of its kind.
// The 协作台账 menu lists the kinds (SideMenu builds it from /api/v1/kinds, not from routes).
export const recordRoute = {
  path: '/records/:kind', name: 'records', component: () => import('@/views/records/RecordList.vue'),
  meta: {
    title: 'menu.records', group: 'menu.records', kindRoute: true,
    perm: async (to) => {
      const kinds = useKindsStore()
      await kinds.ensure()
      const kind = kinds.kind(String(to.params.kind))
      return kind ? `${kind.group}:read` : null // an unknown kind: the page says so
    },
  },
}

const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/Login.vue'), meta: { public: true } },
  { path: '/', component: Layout, children: [
    ...appRoutes,
    recordRoute,
    { path: '/403', name: 'forbidden', component: () => import('@/views/ErrorPage.vue'), props: { kind: 'forbidden' } },
    { path: '/:pathMatch(.*)*', name: 'notfound', component: () => import('@/views/ErrorPage.vue'), props: { kind: 'notFound' } },
  ] },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to) => {
  const userStore = useUserStore()
  if (!userStore.loaded) {
    try { await userStore.fetchMe() } catch { /* server down: treat as signed out */ }
  }
  if (to.meta.public) {
    if (to.name === 'login' && userStore.user) return to.query.redirect || '/'
    return true
  }
  if (!userStore.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  const perm = typeof to.meta.perm === 'function' ? await to.meta.perm(to) : to.meta.perm
  if (perm && !userStore.has(perm)) return { name: 'forbidden' }
  return true
})

router.afterEach((to) => {
  const app = useAppStore()
  app.addView(to)
  if (app.isMobile) app.drawerOpen = false
})

setUnauthenticatedHandler(() => {
  const userStore = useUserStore()
  userStore.clear()
  useAppStore().reset()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
  }
})
