import type { JobList, JobView } from '@huoma/contract'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, renderApp, sessionUser, signedIn } from './helpers'

const MAIN_USER = sessionUser({ displayName: 'Pekka Aaltonen', roles: ['main_user'], actions: ['admin:users', 'jobs:read', 'jobs:run'] })

function job(overrides: Partial<JobView>): JobView {
  return {
    name: 'vtj-sync',
    title: { fi: 'Väestötietojen päivitys', sv: 'Uppdatering av befolkningsuppgifter', en: 'Population register sync' },
    description: { fi: 'Päivittää asiakasrekisterin.', sv: 'Uppdaterar klientregistret.', en: 'Updates the client registry.' },
    schedule: { kind: 'daily', at: '02:30', workingDaysOnly: false },
    scheduleText: { fi: 'päivittäin klo 2.30 Suomen aikaa', sv: 'dagligen kl. 2.30 finsk tid', en: 'daily at 02:30 Helsinki time' },
    quiet: false,
    maxAttempts: 3,
    scheduledHere: true,
    runningNow: false,
    lastRun: { id: '11111111-1111-4111-8111-111111111111', trigger: 'schedule', startedAt: '2026-03-02T00:30:00.000Z', finishedAt: '2026-03-02T00:30:04.000Z', outcome: 'success', error: null, summary: '12 changes in 1 page(s)' },
    lastSuccessAt: '2026-03-02T00:30:04.000Z',
    lastFailure: null,
    consecutiveFailures: 0,
    nextRunAt: '2026-03-03T00:30:00.000Z',
    retry: null,
    ...overrides,
  }
}

const failing = job({
  name: 'kela-import',
  title: { fi: 'Kelan siirtämien hakemusten nouto', sv: 'Hämtning av ansökningar som FPA överfört', en: 'Applications forwarded by Kela' },
  scheduleText: { fi: 'arkipäivisin klo 7.00 Suomen aikaa', sv: 'vardagar kl. 7.00 finsk tid', en: 'on working days at 07:00 Helsinki time' },
  lastRun: { id: '22222222-2222-4222-8222-222222222222', trigger: 'retry', startedAt: '2026-03-02T05:03:00.000Z', finishedAt: '2026-03-02T05:03:01.000Z', outcome: 'failure', error: 'Kela did not answer', summary: null },
  lastFailure: { at: '2026-03-02T05:03:01.000Z', error: 'Kela did not answer' },
  consecutiveFailures: 3,
  nextRunAt: '2026-03-03T05:00:00.000Z',
})

const sealer = job({
  name: 'audit-sealer',
  title: { fi: 'Lokin sinetöinti', sv: 'Försegling av loggen', en: 'Audit log sealing' },
  schedule: { kind: 'interval', everyMs: 200 },
  scheduleText: { fi: '200 millisekunnin välein', sv: 'var 200:e millisekund', en: 'every 200 ms' },
  quiet: true,
  lastRun: null,
  lastSuccessAt: null,
  nextRunAt: '2026-03-02T08:00:00.200Z',
})

const list = (...jobs: JobView[]): JobList => ({ jobs })

describe('Ajastetut tehtävät', () => {
  it('is in the main user\'s menu and lists the jobs with their runs in Helsinki time, a failure clearly marked', async () => {
    signedIn(MAIN_USER, { 'GET /api/admin/jobs': () => json(list(sealer, job({}), failing)) })
    renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Ajastetut tehtävät' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Ajastetut tehtävät' })).toBeTruthy()
    const table = await screen.findByRole('table', { name: /Tehtävät/ })
    const [, sealerRow, vtjRow, kelaRow] = within(table).getAllByRole('row')

    expect(within(sealerRow!).getByRole('rowheader').textContent).toContain('Lokin sinetöinti')
    expect(sealerRow!.textContent).toContain('200 millisekunnin välein')
    expect(sealerRow!.textContent).toContain('Ei vielä ajettu')
    expect(sealerRow!.textContent).toContain('Jatkuvasti')

    // 00:30 UTC is 02:30 in Helsinki (winter time); the next run 3 March
    expect(vtjRow!.textContent).toContain('2.3.2026 klo 2.30')
    expect(within(vtjRow!).getByText('Onnistui')).toBeTruthy()
    expect(vtjRow!.textContent).toContain('12 changes in 1 page(s)')
    expect(vtjRow!.textContent).toContain('3.3.2026 klo 2.30')
    expect(vtjRow!.className).not.toContain('job-failing')

    expect(kelaRow!.className).toContain('job-failing')
    expect(within(kelaRow!).getByText('Epäonnistui')).toBeTruthy()
    expect(within(kelaRow!).getByText('Virhe: Kela did not answer')).toBeTruthy()
    expect(within(kelaRow!).getByText('3 epäonnistumista peräkkäin')).toBeTruthy()
    expect(kelaRow!.textContent).toContain('2.3.2026 klo 7.03')
  })

  it('runs a job now and reads the list again; a refusal is shown', async () => {
    document.cookie = 'huoma-csrf=token-9'
    let started = false
    const api = signedIn(MAIN_USER, {
      'GET /api/admin/jobs': () => json(list(started ? job({ runningNow: true, lastRun: { ...job({}).lastRun!, outcome: 'running', trigger: 'manual', finishedAt: null } }) : job({}), failing)),
      'POST /api/admin/jobs/vtj-sync/run': () => {
        started = true
        return json({ runId: '33333333-3333-4333-8333-333333333333', startedAt: '2026-03-02T08:00:00.000Z' }, 202)
      },
      'POST /api/admin/jobs/kela-import/run': () =>
        problem({ title: 'Tiedot ovat muuttuneet', status: 409, detail: 'Tehtävä on juuri nyt käynnissä.', type: 'https://huoma.fi/problems/job-running' }),
    })
    renderApp('/admin/jobs')
    fireEvent.click(await screen.findByRole('button', { name: 'Käynnistä nyt: Väestötietojen päivitys' }))
    expect(await screen.findByText(/Tehtävä ”Väestötietojen päivitys” käynnistettiin/)).toBeTruthy()
    expect(api.calls('POST /api/admin/jobs/vtj-sync/run')[0]?.headers.get('x-csrf-token')).toBe('token-9')
    // The list is read again: the job runs, and its button waits for it to end.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Käynnistä nyt: Väestötietojen päivitys' }).hasAttribute('disabled')).toBe(true))
    expect(screen.getByText('Käynnissä')).toBeTruthy()
    expect(screen.getByText(/käynnistetty käsin/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Käynnistä nyt: Kelan siirtämien hakemusten nouto' }))
    expect(await screen.findByText('Tehtävä on juuri nyt käynnissä.')).toBeTruthy()
  })

  it('shows no run button without jobs:run, and speaks Swedish', async () => {
    signedIn(sessionUser({ roles: ['main_user'], actions: ['jobs:read'], language: 'sv' }), { 'GET /api/admin/jobs': () => json(list(job({}), failing)) })
    renderApp('/admin/jobs')
    expect(await screen.findByRole('heading', { level: 1, name: 'Schemalagda jobb' })).toBeTruthy()
    await screen.findByRole('table')
    expect(screen.queryByRole('button', { name: /Kör nu/ })).toBeNull()
    expect(screen.getByText('Uppdatering av befolkningsuppgifter')).toBeTruthy()
    expect(screen.getByText('dagligen kl. 2.30 finsk tid')).toBeTruthy()
    expect(screen.getByText('Misslyckades')).toBeTruthy()
    expect(screen.getByText('3 misslyckanden i rad')).toBeTruthy()
  })

  it('is refused to a user without jobs:read', async () => {
    signedIn(sessionUser({ actions: ['persons:search'] }))
    renderApp('/admin/jobs')
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeTruthy()
  })
})
