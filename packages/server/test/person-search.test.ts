import { makeTemporaryHetu, localDate } from '@huoma/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds } from './helpers/databases'
import { Client, startTestServer, type TestServer } from './helpers/server'

const kinds = await databaseKinds()

/**
 * Name search per input type (issue 16): a worker's clients are found by a prefix, the whole name in any order, a
 * first name alone and a typo; persons without a relationship are never listed but counted as hidden matches.
 */
describe.each(kinds)('person search by input type on %s', (kind) => {
  let t: TestServer
  let secretary: Client
  let worker: Client
  const db = () => t.server.database.db
  const ids: Record<'client' | 'namesake' | 'other', string> = { client: '', namesake: '', other: '' }
  type Answer = { persons: Array<{ id: string; lastName: string }>; hiddenMatches: number }
  const search = async (c: Client, name: string): Promise<Answer> => {
    const res = await c.get(`/api/persons?name=${encodeURIComponent(name)}`)
    expect(res.status).toBe(200)
    return (await res.json()) as Answer
  }
  const found = (a: Answer) => a.persons.map((p) => p.id)

  beforeAll(async () => {
    t = await startTestServer(kind)
    secretary = new Client(t.url)
    await secretary.login('toimistosihteeri')
    worker = new Client(t.url)
    await worker.login('sosiaalityontekija')
    // Names the demo population does not have: the worker's client, a namesake, and a person with the first name later.
    const people = [
      ['client', 'Pöyhösenkangas', 'Zefyriina Maaria'],
      ['namesake', 'Pöyhösenkangas', 'Zefyriina Kerttu'],
      ['other', 'Qvistberg', 'Tuulikki Zefyriina'],
    ] as const
    for (const [i, [role, lastName, firstNames]] of people.entries()) {
      const res = await secretary.post('/api/persons', { hetu: makeTemporaryHetu(localDate(`1931-04-${String(11 + i).padStart(2, '0')}`), 998, 'U'), firstNames, lastName })
      expect(res.status).toBe(201)
      ids[role] = ((await res.json()) as { id: string }).id
    }
    const me = (await db().selectFrom('staff_user').select('id').where('username', '=', 'sosiaalityontekija').executeTakeFirstOrThrow()).id
    await db().insertInto('client_relationship').values({ person_id: ids.client, user_id: me, service_task: 'adult_social_work', kind: 'responsible', start_date: '2026-01-01' }).execute()
  })
  afterAll(() => t?.stop())

  it('a prefix of the surname finds the client; the namesake is counted, not listed', async () => {
    const a = await search(worker, 'Pöyhösenk')
    expect(found(a)).toEqual([ids.client])
    expect(a.hiddenMatches).toBe(1)
    expect(found(await search(worker, 'poyhosenkangas zef'))).toEqual([ids.client])
  })

  it('the whole name in either order finds the client only', async () => {
    for (const name of ['Zefyriina Pöyhösenkangas', 'Pöyhösenkangas Zefyriina Maaria', 'maaria poyhosenkangas']) {
      const a = await search(worker, name)
      expect(found(a)).toEqual([ids.client])
      // only the first form is also a start of the namesake's name
      expect(a.hiddenMatches).toBe(name === 'Zefyriina Pöyhösenkangas' ? 1 : 0)
    }
  })

  it('a first name alone finds the client; the two others with it, one as a later first name, are counted', async () => {
    const a = await search(worker, 'Zefyriina')
    expect(found(a)).toEqual([ids.client])
    expect(a.hiddenMatches).toBe(2)
    // The office secretary reaches the registry's basic data: all three, nothing hidden.
    const all = await search(secretary, 'zefyriina')
    expect(found(all).sort()).toEqual([ids.client, ids.namesake, ids.other].sort())
    expect(all.hiddenMatches).toBe(0)
  })

  it('a typo finds the client by similarity and counts the namesake', async () => {
    for (const typo of ['Pöyhösenkagnas', 'poyhosnkangas']) {
      const a = await search(worker, typo)
      expect(found(a)).toEqual([ids.client])
      expect(a.hiddenMatches).toBe(1)
      // Over the whole register (the trigram GiST, nearest first) both namesakes.
      expect(found(await search(secretary, typo)).sort()).toEqual([ids.client, ids.namesake].sort())
    }
  })

  it('takes % and _ as the letters typed, not as wildcards', async () => {
    // short enough that no typo-tolerant search follows: as wildcards each would find Zefyriina or everyone
    for (const name of ['%%', 'z_f', '_ef', 'P%n']) {
      const a = await search(worker, name)
      expect(found(a), name).toEqual([])
      expect(a.hiddenMatches, name).toBe(0)
    }
  })

  it('a name that matches nothing, even with typos, answers empty with nothing hidden', async () => {
    expect(await search(worker, 'Xyzzyqwerty')).toEqual({ persons: [], hiddenMatches: 0 })
  })

  it('an ended relationship takes the client out of the list and into the hidden count', async () => {
    await db().updateTable('client_relationship').set({ end_date: '2026-01-02', end_reason: 'other' }).where('person_id', '=', ids.client).execute()
    try {
      const a = await search(worker, 'Zefyriina')
      expect(found(a)).toEqual([])
      expect(a.hiddenMatches).toBe(3)
    } finally {
      await db().updateTable('client_relationship').set({ end_date: null, end_reason: null }).where('person_id', '=', ids.client).execute()
    }
  })
  it('a renamed client is found by the new name: the relationship row keeps the person\'s name key', async () => {
    const kept = async () => (await db().selectFrom('client_relationship').select('search_name').where('person_id', '=', ids.client).executeTakeFirstOrThrow()).search_name
    expect(await kept()).toBe('poyhosenkangas zefyriina maaria')
    // any path that changes the name (the population register, the card): the key on the person changes
    await db().updateTable('person').set({ last_name: 'Öhrnberg', search_name: 'ohrnberg zefyriina maaria' }).where('id', '=', ids.client).execute()
    try {
      expect(await kept()).toBe('ohrnberg zefyriina maaria')
      expect(found(await search(worker, 'Öhrnb'))).toEqual([ids.client])
      const old = await search(worker, 'Pöyhösenk')
      expect(found(old)).toEqual([])
      expect(old.hiddenMatches).toBe(1)
    } finally {
      await db().updateTable('person').set({ last_name: 'Pöyhösenkangas', search_name: 'poyhosenkangas zefyriina maaria' }).where('id', '=', ids.client).execute()
    }
    expect(await kept()).toBe('poyhosenkangas zefyriina maaria')
  })

  it('counts hidden matches up to 100 and says when there are more than 100', async () => {
    const create = async (i: number) => {
      const birth = localDate(`1932-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)
      const res = await secretary.post('/api/persons', { hetu: makeTemporaryHetu(birth, 997, 'U'), firstNames: `Henna${i}`, lastName: 'Satakertainen' })
      expect(res.status).toBe(201)
    }
    for (let i = 0; i < 100; i++) await create(i)
    // exactly the cap: the number as it is, not "more than"
    const hundred = await search(worker, 'Satakertainen')
    expect(hundred).toEqual({ persons: [], hiddenMatches: 100 })
    await create(100)
    expect(await search(worker, 'Satakertainen')).toEqual({ persons: [], hiddenMatches: 100, hiddenMatchesCapped: true })
  })

  it('counts a first name once per person, wherever it stands in the names, up to the cap', async () => {
    const create = async (i: number, firstNames: string) => {
      const birth = localDate(`1933-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)
      const res = await secretary.post('/api/persons', { hetu: makeTemporaryHetu(birth, 996, 'U'), firstNames, lastName: 'Kettusenmaa' })
      expect(res.status).toBe(201)
    }
    // the name twice in one person's names is one match
    for (let i = 0; i < 3; i++) await create(i, 'Zorbaliina Zorbaliina')
    expect(await search(worker, 'Zorbaliina')).toEqual({ persons: [], hiddenMatches: 3 })
    for (let i = 3; i < 100; i++) await create(i, i % 2 ? 'Zorbaliina' : 'Ulla Zorbaliina')
    expect(await search(worker, 'zorbaliina')).toEqual({ persons: [], hiddenMatches: 100 })
    await create(100, 'Ulla Maija Zorbaliina')
    expect(await search(worker, 'Zorbaliina')).toEqual({ persons: [], hiddenMatches: 100, hiddenMatchesCapped: true })
  })
})
