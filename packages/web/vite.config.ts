import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The API server (packages/server) listens on 8080 by default and serves the built app from dist/.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Pages are loaded per route (lib/lazyPage.ts); React and the schema library are chunks of their own, cached
    // across releases that do not change them. No chunk is over 500 kB (the build warns if one is).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'typebox', test: /node_modules[\\/]typebox[\\/]/ },
          ],
        },
      },
    },
  },
})
