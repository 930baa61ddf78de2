/**
 * Loaded into the Huoma server process by `bench soak` (`node --import tsx --import <this file> …`), never by the
 * server itself: once a second it writes the process's V8 heap figures as JSON to HUOMA_BENCH_PROBE_FILE, so that
 * the bench, another process, can read them. `heapAfterGc` is `heapUsed` as observed right after the latest major
 * (mark-sweep-compact) collection: what survives collection, the figure a leak makes rise. Nothing else is
 * touched: the timer is unref'd and the writes are a few hundred bytes.
 */
import fs from 'node:fs'
import { constants, PerformanceObserver } from 'node:perf_hooks'

export interface ProbeReading {
  at: string
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  /** null until the first major GC. */
  heapAfterGc: number | null
  majorGcs: number
}

const file = process.env.HUOMA_BENCH_PROBE_FILE
if (file) {
  let heapAfterGc: number | null = null
  let majorGcs = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        majorGcs++
        heapAfterGc = process.memoryUsage().heapUsed
      }
    }
  }).observe({ entryTypes: ['gc'] })
  const tmp = `${file}.tmp`
  setInterval(() => {
    const m = process.memoryUsage()
    const reading: ProbeReading = {
      at: new Date().toISOString(),
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      heapAfterGc,
      majorGcs,
    }
    try {
      fs.writeFileSync(tmp, JSON.stringify(reading))
      fs.renameSync(tmp, file)
    } catch {
      // the bench's temp folder is gone: nothing to report to
    }
  }, 1000).unref()
}
