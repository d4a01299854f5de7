// Entry point: Vue app with Element Plus, pinia, vue-router and vue-i18n.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import * as ElementPlusIconsVue from '@element-plus/icons-vue'
import App from './App.vue'
import { i18n } from './i18n/index.js'
import { router } from './router/index.js'
import './styles/index.css'

const app = createApp(App)
for (const [name, component] of Object.entries(ElementPlusIconsVue)) app.component(name, component)
app.use(createPinia())
app.use(i18n)
app.use(ElementPlus)
app.use(router)
document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
