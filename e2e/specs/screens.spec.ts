import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, login } from '../support/fixtures'

/**
 * The main pages of each role at 1280 and 1920 px: nothing sticks out of the page's main area (a table wider than
 * its panel, buttons cut off — found before on the claims table and the log table), and a full-page screenshot of
 * each is kept for review in HUOMA_SCREENSHOTS (default: the system temp folder, `huoma-screens`). The pictures are
 * review artefacts, not pass/fail: the data differ from run to run. Every visible button (and link drawn as one)
 * has the design system's look, and axe finds nothing.
 */
const OUT = process.env.HUOMA_SCREENSHOTS ?? path.join(os.tmpdir(), 'huoma-screens')
const WIDTHS = [1280, 1920] as const

const SCREENS: { user: string; pages: { name: string; path: string }[] }[] = [
  {
    user: 'sosiaalityontekija',
    pages: [
      { name: 'desk', path: '/' },
      { name: 'persons', path: '/persons?q=Virtanen' },
      { name: 'appointments', path: '/appointments' },
      { name: 'deadlines', path: '/deadlines' },
    ],
  },
  { user: 'etuuskasittelija', pages: [{ name: 'income-support', path: '/income-support' }] },
  { user: 'talous', pages: [{ name: 'payments', path: '/payments' }] },
  { user: 'tietosuojavastaava', pages: [{ name: 'audit', path: '/audit' }] },
  { user: 'paakayttaja', pages: [{ name: 'admin-users', path: '/admin/users' }, { name: 'retention-rules', path: '/retention/rules' }] },
  { user: 'arkistonhoitaja', pages: [{ name: 'archive', path: '/retention/archive' }, { name: 'destruction', path: '/retention/destruction' }] },
]

/** The elements of <main> whose right edge is past main's (outside any horizontally scrolling box of their own). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main')
    if (!main) return ['no <main>']
    const limit = main.getBoundingClientRect().right + 1
    const out: string[] = []
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
    for (const el of main.querySelectorAll('*')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || r.right <= limit) continue
      // inside a box that scrolls sideways and itself fits: reachable, not cut off
      let p = el.parentElement
      let contained = false
      while (p && p !== main) {
        if (scrolls(p) && p.getBoundingClientRect().right <= limit) {
          contained = true
          break
        }
        p = p.parentElement
      }
      if (contained) continue
      out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${Math.round(r.right - limit)} px)`)
      if (out.length >= 5) break
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`)
    return out
  })
}

/** The design system's control classes (design-system.css): a control with one of them is drawn by the system. */
const DESIGN_CLASSES = ['button', 'button-link', 'button-quiet', 'folding-toggle']

/**
 * The visible buttons (and `a.button`-like links) of the page that have neither a design-system class nor a look of
 * their own: Chromium's default button (its grey `buttonface` background or its outset border) is what is left.
 */
async function unstyledControls(page: Page): Promise<string[]> {
  return page.evaluate((designClasses) => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, a[class*="button"], input[type="submit"], input[type="button"]')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue
      if (designClasses.some((c) => el.classList.contains(c))) continue
      const style = getComputedStyle(el)
      const browserDefault = style.backgroundColor === 'rgb(239, 239, 239)' || style.borderTopStyle === 'outset' || (el.tagName === 'A' && style.backgroundColor === 'rgba(0, 0, 0, 0)' && style.borderTopStyle === 'none')
      if (browserDefault) out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`)
    }
    return out
  }, DESIGN_CLASSES)
}

test('the control check finds a button left with the browser\'s default look', async ({ page }) => {
  await login(page, 'sosiaalityontekija')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await unstyledControls(page)).toEqual([])
  await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button type="button" class="planted">Raaka</button>'))
  expect(await unstyledControls(page)).toEqual(['button.planted "Raaka"'])
})

test('the overflow check finds a table wider than the page\'s main area', async ({ page }) => {
  await login(page, 'sosiaalityontekija')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await overflowing(page)).toEqual([])
  await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<table class="planted"><tr><td style="min-width: 4000px">x</td></tr></table>'))
  expect((await overflowing(page)).join(' ')).toContain('table.planted')
})

test('the client card fits at 1280 and 1920 px', async ({ page }) => {
  fs.mkdirSync(OUT, { recursive: true })
  await login(page, 'sosiaalityontekija')
  // a client of hers, from the desk's list of her clients (its groups may be folded: go to the link's address)
  const href = await page.locator('main a[href^="/persons/"]').first().getAttribute('href')
  expect(href).toMatch(/^\/persons\/[0-9a-f-]{36}/)
  await page.goto(href!)
  await expect(page.getByRole('heading', { level: 2, name: 'Perustiedot' })).toBeVisible()
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 })
    await page.waitForLoadState('networkidle')
    expect(await overflowing(page), `the card at ${width} px`).toEqual([])
    expect(await unstyledControls(page), `the card's controls at ${width} px`).toEqual([])
    await page.screenshot({ path: path.join(OUT, `sosiaalityontekija-card-${width}.png`), fullPage: true })
  }
})

for (const { user, pages } of SCREENS) {
  test(`${user}: the main pages fit at 1280 and 1920 px`, async ({ page }) => {
    fs.mkdirSync(OUT, { recursive: true })
    await login(page, user)
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 })
      for (const p of pages) {
        await page.goto(p.path)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await page.waitForLoadState('networkidle')
        expect(await overflowing(page), `${p.path} at ${width} px`).toEqual([])
        expect(await unstyledControls(page), `${p.path}: controls at ${width} px`).toEqual([])
        if (width === WIDTHS[0]) await expectAccessible(page)
        await page.screenshot({ path: path.join(OUT, `${user}-${p.name}-${width}.png`), fullPage: true })
      }
    }
  })
}
