/** `2030-01-04` → `4.1.2030` (the same in every UI language of Huoma). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '–'
  const [y, m, d] = date.split('-')
  return `${Number(d)}.${Number(m)}.${y}`
}

/** Today's calendar date in Helsinki, `YYYY-MM-DD`. */
export function todayInHelsinki(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function personName(p: { firstNames: string; lastName: string }): string {
  return `${p.lastName} ${p.firstNames}`
}
