import { defineConfig } from 'vitest/config'

/** One Vitest run, one project per package. The e2e suite runs separately in Playwright. */
export default defineConfig({
  test: {
    projects: [
      // the XSD checks of the bank files take seconds under the load of a full run: the domain's tests get 20 s
      { test: { name: 'domain', root: 'packages/domain', include: ['test/**/*.test.ts'], sequence: { groupOrder: 0 }, testTimeout: 20_000 } },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['test/**/*.test.ts'],
          // Generous: the embedded database under a loaded 2-core machine takes 30–65 s for the heaviest tests
          // (audit verification over the seeded log); a timeout here is never a pass/fail measure of speed.
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // Each test file starts its own databases (PGlite takes ~0.5–1 GB); two at a time fit the 2-core machine.
          maxWorkers: 2,
          // Projects with different worker limits run as separate groups: the server's after the others.
          sequence: { groupOrder: 2 },
          env: { NODE_ENV: 'test' },
        },
      },
      // the bench's own arithmetic (soak trends and verdict) and plumbing (the child welfare seed and SQL sides on PGlite);
      // the benchmarks themselves are not tests
      { test: { name: 'bench', root: 'bench', include: ['test/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      'packages/web/vitest.config.ts',
    ],
  },
})
