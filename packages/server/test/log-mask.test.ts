import { describe, expect, it } from 'vitest'
import { maskHetu } from '../src/http/logger'

/**
 * The log's last line of defence: a henkilötunnus in any form a URL or a text may carry it, and every identifying
 * search term in a URL's query, never reach a log line.
 */
describe('the log mask', () => {
  it.each([
    ['dash', 'GET /api/no/010190-999W/here'],
    ['2000s sign', 'GET /api/no/010105A999X/here'],
    ['2023 sign', 'saw 010105Y999X today'],
    ['plus', '/api/no/311299+1236/here'],
    ['percent-encoded plus', '/api/no/311299%2B1236/here'],
    ['percent-encoded dash', '/api/no/010190%2D999W/here'],
    ['lower-case percent', '/api/no/010190%2d999W/here'],
    ['en dash', 'hetu 010190–999W in a text'],
    ['minus sign', 'hetu 010190−999W'],
    ['percent-encoded en dash', '/api/no/010190%E2%80%93999W/x'],
    ['no separator', '/api/no/010190999W/x'],
  ])('masks a henkilötunnus written with %s', (_, line) => {
    const masked = maskHetu(line)
    expect(masked).toContain('[hetu]')
    expect(masked).not.toMatch(/010190|010105|311299/)
  })

  it('masks the values of identifying search terms in a query, whatever they hold', () => {
    expect(maskHetu('{"url":"/api/persons?name=virtanen%20matti&limit=20"}')).toBe('{"url":"/api/persons?name=[masked]&limit=20"}')
    expect(maskHetu('/api/persons?birthDate=1990-01-01&lastName=Korhonen')).toBe('/api/persons?birthDate=[masked]&lastName=[masked]')
    expect(maskHetu('/api/providers?q=apteekki')).toBe('/api/providers?q=[masked]')
  })

  it('leaves ids, dates, amounts and times alone', () => {
    const line = '{"url":"/api/persons/0f8fad5b-d9cb-469f-a165-70867728950e/card","date":"2026-03-02","amount":123456,"ms":1234567890123}'
    expect(maskHetu(line)).toBe(line)
  })
})
