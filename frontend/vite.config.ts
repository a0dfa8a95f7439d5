import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dashboard is a static site: served by gammadesk from STATIC_DIR (same origin) or deployed on
// its own with VITE_API_BASE pointing at the service (CORS_ORIGINS on the service side).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // ECharts is the heaviest dependency and changes rarely: its own hashed chunk caches well.
        codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ }] },
      },
    },
  },
  server: { host: '127.0.0.1' },
});
