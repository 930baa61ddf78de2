/**
 * The arithmetic of `bench soak` (no I/O, so it is unit-tested in bench/test): per-series first and last values,
 * the least-squares trend, the first and last third after the warm-up, and the verdict "stable" / "drifting" by the
 * limits in {@link SOAK_LIMITS} ("inconclusive" when too short, or when p95 alone failed and the machine's load
 * average moved the same way by more than the band: other work on a shared machine, not the server).
 */

/** One interval's figures as the verdict reads them (null: not measured, e.g. memory of an external server). */
export interface SoakPoint {
  /** Minutes since the load started, at the end of the interval. */
  endMinute: number
  requests: number
  /** Unexpected answers: statuses the operation does not expect, connection errors, timeouts. */
  errors: number
  p95Ms: number
  rssMB: number | null
  /** V8's heapUsed right after the server's latest major GC (what survives collection). */
  heapAfterGcMB: number | null
  fds: number | null
  pgConnections: number | null
  /** The machine's 1-minute load average at the end of the interval (the machine may be shared). */
  loadAverage1: number | null
}

export const SOAK_LIMITS = {
  /** Minutes left out of every judgement (JIT, caches, pools filling); a third of a run shorter than 15 minutes. */
  warmupMinutes: 5,
  /** p95: the mean of the last third of the intervals after the warm-up within ±25 % of the first third's. */
  p95Band: 0.25,
  /** RSS and the heap after GC: growth over the window after the warm-up, by the fitted line, below 20 %. */
  memoryGrowth: 0.2,
  /** PostgreSQL connections: the last third's maximum at most the first third's maximum + 2. */
  connectionSlack: 2,
  /** Open file descriptors: the last third's maximum at most the first third's maximum + max(5, 10 %). */
  fdSlack: { absolute: 5, relative: 0.1 },
  /** Unexpected answers at most 0.1 % of the requests. */
  errorRate: 0.001,
  /** Fewer intervals than this after the warm-up: "inconclusive". */
  minIntervals: 3,
} as const

export type SeriesName = 'p95Ms' | 'rssMB' | 'heapAfterGcMB' | 'fds' | 'pgConnections' | 'loadAverage1'

export interface SeriesSummary {
  /** The first and last interval's values (the first one includes the warm-up). */
  first: number
  last: number
  /** Over the window after the warm-up: */
  min: number
  max: number
  /** Least-squares slope, units per 10 minutes. */
  slopePer10Min: number
  firstThirdMean: number
  lastThirdMean: number
  firstThirdMax: number
  lastThirdMax: number
  /** The fitted line's rise over the window divided by its value at the window's start. */
  trendGrowth: number
}

export interface SoakCheck {
  name: string
  ok: boolean
  detail: string
  /**
   * Set on a failed p95 check when the machine's load average moved the same way by more than the band: on a shared
   * machine the change is then not the server's to answer for, and the verdict is "inconclusive", not "drifting".
   */
  confoundedBy?: string
}

export interface SoakSummary {
  warmupMinutes: number
  /** Intervals after the warm-up, which the checks read. */
  windowIntervals: number
  requests: number
  errors: number
  series: Record<SeriesName, SeriesSummary | null>
  checks: SoakCheck[]
  verdict: 'stable' | 'drifting' | 'inconclusive'
}

/** An interval that ends within a second after the warm-up is still the warm-up's (timers fire a little late). */
const WARMUP_JITTER = 1 / 60

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Least-squares slope of y over x; NaN with fewer than two distinct x. */
export function linearSlope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return NaN
  const mx = mean(points.map((p) => p.x))
  const my = mean(points.map((p) => p.y))
  let num = 0
  let den = 0
  for (const p of points) {
    num += (p.x - mx) * (p.y - my)
    den += (p.x - mx) ** 2
  }
  return den === 0 ? NaN : num / den
}

/** The warm-up left out of the judgement for a run of `totalMinutes`. */
export function warmupFor(totalMinutes: number): number {
  return totalMinutes >= 3 * SOAK_LIMITS.warmupMinutes ? SOAK_LIMITS.warmupMinutes : totalMinutes / 3
}

/** First/last values of a series over all points, the rest over the points after `warmup` minutes. */
export function describeSeries(points: readonly SoakPoint[], name: SeriesName, warmup: number): SeriesSummary | null {
  const all = points.flatMap((p) => (p[name] === null || !Number.isFinite(p[name]) ? [] : [{ x: p.endMinute, y: p[name] as number }]))
  if (all.length === 0) return null
  const after = all.filter((p) => p.x > warmup + WARMUP_JITTER)
  const window = after.length ? after : all
  const third = Math.max(1, Math.floor(window.length / 3))
  const head = window.slice(0, third).map((p) => p.y)
  const tail = window.slice(-third).map((p) => p.y)
  const ys = window.map((p) => p.y)
  const slope = linearSlope(window)
  const x0 = (window[0] as { x: number }).x
  const x1 = (window[window.length - 1] as { x: number }).x
  const fitAt = (x: number) => mean(ys) + (Number.isFinite(slope) ? slope : 0) * (x - mean(window.map((p) => p.x)))
  return {
    first: (all[0] as { y: number }).y,
    last: (all[all.length - 1] as { y: number }).y,
    min: Math.min(...ys),
    max: Math.max(...ys),
    slopePer10Min: Number.isFinite(slope) ? slope * 10 : 0,
    firstThirdMean: mean(head),
    lastThirdMean: mean(tail),
    firstThirdMax: Math.max(...head),
    lastThirdMax: Math.max(...tail),
    trendGrowth: fitAt(x0) > 0 ? (fitAt(x1) - fitAt(x0)) / fitAt(x0) : 0,
  }
}

const pct = (r: number) => `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)} %`

/** Every series described, each limit checked, and the verdict. */
export function summariseSoak(points: readonly SoakPoint[], totalMinutes: number): SoakSummary {
  const warmupMinutes = warmupFor(totalMinutes)
  const series = Object.fromEntries(
    (['p95Ms', 'rssMB', 'heapAfterGcMB', 'fds', 'pgConnections', 'loadAverage1'] as const).map((n) => [n, describeSeries(points, n, warmupMinutes)]),
  ) as Record<SeriesName, SeriesSummary | null>
  const requests = points.reduce((a, p) => a + p.requests, 0)
  const errors = points.reduce((a, p) => a + p.errors, 0)
  const checks: SoakCheck[] = []

  const p95 = series.p95Ms
  if (p95) {
    const change = p95.lastThirdMean / p95.firstThirdMean - 1
    const ok = Math.abs(change) <= SOAK_LIMITS.p95Band
    const load = series.loadAverage1
    const loadChange = load && load.firstThirdMean > 0 ? load.lastThirdMean / load.firstThirdMean - 1 : 0
    const confounded = !ok && Math.abs(loadChange) > SOAK_LIMITS.p95Band && Math.sign(loadChange) === Math.sign(change)
    checks.push({
      name: `p95 last third within ±${SOAK_LIMITS.p95Band * 100} % of the first third`,
      ok,
      detail:
        `${p95.firstThirdMean.toFixed(1)} → ${p95.lastThirdMean.toFixed(1)} ms (${pct(change)})` +
        (load ? `; machine load ${load.firstThirdMean.toFixed(2)} → ${load.lastThirdMean.toFixed(2)} (${pct(loadChange)})` : ''),
      ...(confounded ? { confoundedBy: `the machine's load average moved ${pct(loadChange)} with it` } : {}),
    })
  }
  for (const [name, label] of [['rssMB', 'RSS'], ['heapAfterGcMB', 'heap after GC']] as const) {
    const s = series[name]
    if (!s) continue
    checks.push({
      name: `${label} growth after the warm-up below ${SOAK_LIMITS.memoryGrowth * 100} % (fitted line)`,
      ok: s.trendGrowth < SOAK_LIMITS.memoryGrowth,
      detail: `${pct(s.trendGrowth)} (${s.slopePer10Min >= 0 ? '+' : ''}${s.slopePer10Min.toFixed(1)} MB / 10 min)`,
    })
  }
  const conns = series.pgConnections
  if (conns) {
    checks.push({
      name: `PostgreSQL connections: last third's max ≤ first third's max + ${SOAK_LIMITS.connectionSlack}`,
      ok: conns.lastThirdMax <= conns.firstThirdMax + SOAK_LIMITS.connectionSlack,
      detail: `${conns.firstThirdMax} → ${conns.lastThirdMax}`,
    })
  }
  const fds = series.fds
  if (fds) {
    const slack = Math.max(SOAK_LIMITS.fdSlack.absolute, Math.ceil(fds.firstThirdMax * SOAK_LIMITS.fdSlack.relative))
    checks.push({
      name: `open fds: last third's max ≤ first third's max + max(${SOAK_LIMITS.fdSlack.absolute}, ${SOAK_LIMITS.fdSlack.relative * 100} %)`,
      ok: fds.lastThirdMax <= fds.firstThirdMax + slack,
      detail: `${fds.firstThirdMax} → ${fds.lastThirdMax}`,
    })
  }
  const rate = requests ? errors / requests : 0
  checks.push({
    name: `unexpected answers ≤ ${SOAK_LIMITS.errorRate * 100} % of requests`,
    ok: rate <= SOAK_LIMITS.errorRate,
    detail: `${errors} of ${requests} (${(rate * 100).toFixed(3)} %)`,
  })

  const windowIntervals = points.filter((p) => p.endMinute > warmupMinutes + WARMUP_JITTER).length
  const failed = checks.filter((c) => !c.ok)
  const verdict =
    windowIntervals < SOAK_LIMITS.minIntervals || (failed.length > 0 && failed.every((c) => c.confoundedBy))
      ? 'inconclusive'
      : failed.length === 0
        ? 'stable'
        : 'drifting'
  return { warmupMinutes, windowIntervals, requests, errors, series, checks, verdict }
}
