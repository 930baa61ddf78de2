import { describe, expect, it } from 'vitest'
import type { ActionDef } from '../src/access/actions'
import { ACTIONS } from '../src/catalogue'
import { dataInWords, reportTexts } from '../src/modules/privacy/report'

/**
 * The client's report speaks plain language (issue 14): every record type an action writes into the audit log has a
 * phrase in Finnish and Swedish, so no code-like token (`disclosure`, `rights-request`) reaches the client. A new
 * action with a new record type fails here until its words are written.
 */
describe("the client's report names every record type in words", () => {
  const records = [...new Set(Object.values(ACTIONS as Record<string, ActionDef>).flatMap((a) => (a.dataGroup ? [a.dataGroup.split('/')[1]!] : [])))]

  it.each(['fi', 'sv'] as const)('in %s', (language) => {
    const t = reportTexts(language)
    const missing = records.filter((r) => !Object.hasOwn(t.records, r))
    expect(missing).toEqual([])
    // a phrase, not a code: no hyphenated or underscored token
    for (const r of records) expect(t.records[r], r).not.toMatch(/[a-z][-_][a-z]/)
  })

  it('puts the register before the record', () => {
    expect(dataInWords(reportTexts('fi'), 'adult_social_work/disclosure', { adult_social_work: 'Aikuisten sosiaalityö' })).toBe('Aikuisten sosiaalityö: tietojen luovutus')
    expect(dataInWords(reportTexts('sv'), 'privacy/rights-request', {})).toBe('Dataskydd: begäran om dataskydd')
  })
})
