/** Latencies of one measured run (milliseconds), kept raw so exact percentiles can be computed. */
export class LatencyRecorder {
  private values = new Float64Array(1 << 14)
  private n = 0
  errors = 0
  /** HTTP status code (or 'error') → count. */
  readonly statuses: Record<string, number> = {}

  add(ms: number): void {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2)
      bigger.set(this.values)
      this.values = bigger
    }
    this.values[this.n++] = ms
  }

  get count(): number {
    return this.n
  }

  summary(elapsedMs: number): RunStats {
    const sorted = this.values.slice(0, this.n).sort()
    const pct = (p: number) => (this.n ? (sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))] as number) : NaN)
    let sum = 0
    for (const v of sorted) sum += v
    return {
      requests: this.n,
      errors: this.errors,
      statuses: { ...this.statuses },
      durationSeconds: elapsedMs / 1000,
      rps: this.n / (elapsedMs / 1000),
      meanMs: this.n ? sum / this.n : NaN,
      p50Ms: pct(50),
      p95Ms: pct(95),
      p99Ms: pct(99),
      maxMs: this.n ? (sorted[this.n - 1] as number) : NaN,
    }
  }
}

export interface RunStats {
  /** Completed requests (HTTP: every response, whatever its status; SQL: successful executions). */
  requests: number
  /** HTTP: connection errors and timeouts plus non-2xx responses; SQL: failed executions. */
  errors: number
  statuses: Record<string, number>
  durationSeconds: number
  rps: number
  meanMs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
}
