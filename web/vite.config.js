// Vite build for the xiezuo web UI. The server serves web/dist itself, so everything
// (fonts, icons, locales) is bundled; nothing is fetched from the network at run time.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Vendor code in a few long-lived chunks so app changes do not bust their cache.
function vendorChunk(id) {
  if (!id.includes('node_modules')) return undefined
  if (id.includes('echarts') || id.includes('zrender')) return 'echarts'
  if (id.includes('element-plus') || id.includes('@element-plus') || id.includes('@floating-ui') ||
      id.includes('@vueuse') || id.includes('async-validator') || id.includes('dayjs') ||
      id.includes('lodash')) return 'element-plus'
  return 'vendor'
}

export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    // `npm run dev` talks to a running xiezuo (default port 18080).
    proxy: { '/api': process.env.XIEZUO_URL || 'http://127.0.0.1:18080' },
  },
})
