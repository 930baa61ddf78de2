import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, mockApi, problem, renderApp } from './helpers'

const notSignedIn = () => problem({ title: 'Kirjautuminen vaaditaan', status: 401 })

describe('single sign-on on the sign-in page', () => {
  it('offers the organisation\'s sign-in as a link to the start of the flow when the server has it', async () => {
    mockApi({ 'GET /api/auth/me': notSignedIn, 'GET /api/auth/oidc/config': () => json({ enabled: true, label: null }) })
    renderApp('/login')
    const link = await screen.findByRole('link', { name: 'Kirjaudu organisaation tunnuksilla' })
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start')
    expect(screen.getByRole('button', { name: 'Kirjaudu sisään' })).toBeTruthy()
  })

  it('shows the organisation\'s own button text', async () => {
    mockApi({ 'GET /api/auth/me': notSignedIn, 'GET /api/auth/oidc/config': () => json({ enabled: true, label: 'Demolan tunnukset' }) })
    renderApp('/login')
    expect((await screen.findByRole('link', { name: 'Demolan tunnukset' })).getAttribute('href')).toBe('/api/auth/oidc/start')
  })

  it('shows no single sign-on when it is off', async () => {
    const api = mockApi({ 'GET /api/auth/me': notSignedIn, 'GET /api/auth/oidc/config': () => json({ enabled: false, label: null }) })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Kirjaudu sisään' })
    await waitFor(() => expect(api.calls('GET /api/auth/oidc/config')).toHaveLength(1))
    expect(screen.queryByRole('link', { name: /organisaation tunnuksilla/ })).toBeNull()
  })

  it('tells why the user came back from a refused single sign-on', async () => {
    mockApi({ 'GET /api/auth/me': notSignedIn, 'GET /api/auth/oidc/config': () => json({ enabled: true, label: null }) })
    renderApp('/login?error=oidc')
    const alert = await screen.findByRole('alert')
    await waitFor(() => expect(alert.textContent).toContain('Kirjautuminen organisaation tunnuksilla ei onnistunut.'))
    expect(alert.textContent).toContain('ota yhteyttä pääkäyttäjään')
  })
})
