import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    sequence: { groupOrder: 1 },
    // under the load of the rest of the suite a whole page flow can take several seconds; timing is never asserted
    testTimeout: 20_000,
  },
})
