import { describe, expect, it } from 'vitest'
import { describeSeries, linearSlope, summariseSoak, warmupFor, type SoakPoint } from '../src/soak-summary'

/** 30 one-minute intervals; `at(minute)` gives the varying figures. */
function run(at: (minute: number) => Partial<SoakPoint>, minutes = 30): SoakPoint[] {
  return Array.from({ length: minutes }, (_, i) => ({
    endMinute: i + 1,
    requests: 1000,
    errors: 0,
    p95Ms: 50,
    rssMB: 300,
    heapAfterGcMB: 80,
    fds: 40,
    pgConnections: 6,
    loadAverage1: 2,
    ...at(i + 1),
  }))
}

describe('linearSlope', () => {
  it('is the least-squares slope', () => {
    expect(linearSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2)
    expect(linearSlope([{ x: 0, y: 2 }, { x: 1, y: 0 }, { x: 2, y: 2 }, { x: 3, y: 0 }])).toBeCloseTo(-0.4)
  })
  it('is NaN without two distinct x', () => {
    expect(linearSlope([{ x: 1, y: 1 }])).toBeNaN()
    expect(linearSlope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNaN()
  })
})

describe('warmupFor', () => {
  it('is 5 minutes, or a third of a run shorter than 15 minutes', () => {
    expect(warmupFor(30)).toBe(5)
    expect(warmupFor(15)).toBe(5)
    expect(warmupFor(6)).toBe(2)
  })
})

describe('describeSeries', () => {
  it('leaves the warm-up out of the trend and the thirds, but not out of the first value', () => {
    // high during the warm-up (minutes 1–5), then rising 1 MB a minute from 300
    const s = describeSeries(run((m) => ({ rssMB: m <= 5 ? 900 : 300 + (m - 6) })), 'rssMB', 5)!
    expect(s.first).toBe(900)
    expect(s.last).toBe(324)
    expect(s.min).toBe(300)
    expect(s.max).toBe(324)
    expect(s.slopePer10Min).toBeCloseTo(10)
    // 25 intervals after the warm-up: thirds of 8
    expect(s.firstThirdMean).toBeCloseTo(303.5)
    expect(s.lastThirdMean).toBeCloseTo(320.5)
    expect(s.trendGrowth).toBeCloseTo(24 / 300)
  })
  it('skips unmeasured intervals and is null when nothing was measured', () => {
    expect(describeSeries(run(() => ({ pgConnections: null })), 'pgConnections', 5)).toBeNull()
    const s = describeSeries(run((m) => ({ heapAfterGcMB: m < 8 ? null : 100 })), 'heapAfterGcMB', 5)!
    expect(s.first).toBe(100)
    expect(s.slopePer10Min).toBe(0)
  })
})

describe('summariseSoak', () => {
  it('is stable when everything stays flat, noise included', () => {
    const s = summariseSoak(run((m) => ({ p95Ms: 50 + (m % 3) * 5, rssMB: 300 + (m % 2) * 20, pgConnections: 5 + (m % 2) })), 30)
    expect(s.warmupMinutes).toBe(5)
    expect(s.windowIntervals).toBe(25)
    expect(s.checks.every((c) => c.ok)).toBe(true)
    expect(s.verdict).toBe('stable')
  })
  it('is drifting when p95 rises by more than 25 %', () => {
    const s = summariseSoak(run((m) => ({ p95Ms: 50 + m * 2 })), 30)
    expect(s.checks.find((c) => c.name.startsWith('p95'))?.ok).toBe(false)
    expect(s.verdict).toBe('drifting')
  })
  it('is drifting when RSS grows 20 % or more after the warm-up, but not for growth during the warm-up', () => {
    expect(summariseSoak(run((m) => ({ rssMB: 300 + m * 3 })), 30).verdict).toBe('drifting')
    expect(summariseSoak(run((m) => ({ rssMB: m <= 5 ? 100 + m * 40 : 300 })), 30).verdict).toBe('stable')
  })
  it('is drifting when connections or fds climb', () => {
    expect(summariseSoak(run((m) => ({ pgConnections: 6 + Math.floor(m / 5) })), 30).verdict).toBe('drifting')
    expect(summariseSoak(run((m) => ({ fds: 40 + m })), 30).verdict).toBe('drifting')
    expect(summariseSoak(run((m) => ({ fds: 40 + (m % 4) })), 30).verdict).toBe('stable')
  })
  it('is drifting with more than 0.1 % unexpected answers', () => {
    const s = summariseSoak(run((m) => ({ errors: m === 20 ? 31 : 0 })), 30)
    expect(s.errors).toBe(31)
    expect(s.requests).toBe(30_000)
    expect(s.verdict).toBe('drifting')
  })
  it('is inconclusive when p95 alone moved with the machine\'s load, drifting when the load stayed', () => {
    // other work on the machine eased off: p95 and the load average fell together
    const eased = summariseSoak(run((m) => ({ p95Ms: m < 18 ? 200 : 100, loadAverage1: m < 18 ? 12 : 6 })), 30)
    expect(eased.checks.find((c) => c.name.startsWith('p95'))?.confoundedBy).toMatch(/-50\.0 %/)
    expect(eased.verdict).toBe('inconclusive')
    expect(summariseSoak(run((m) => ({ p95Ms: m < 18 ? 200 : 100 })), 30).verdict).toBe('drifting')
    // the load rose while p95 fell: not an explanation
    expect(summariseSoak(run((m) => ({ p95Ms: m < 18 ? 200 : 100, loadAverage1: m < 18 ? 6 : 12 })), 30).verdict).toBe('drifting')
    // a memory failure beside it is the server's all the same
    expect(summariseSoak(run((m) => ({ p95Ms: m < 18 ? 200 : 100, loadAverage1: m < 18 ? 12 : 6, rssMB: 300 + m * 3 })), 30).verdict).toBe('drifting')
  })
  it('is inconclusive with fewer than three intervals after the warm-up', () => {
    expect(summariseSoak(run(() => ({}), 2), 2).verdict).toBe('inconclusive')
  })
})
