/**
 * The colour pairs of the design system (`design-system.css`): every text colour token on every background token it
 * is drawn on, and the borders that mark a control (an input, a focus ring, a badge's edge) on theirs. The web test
 * `design-system.test.ts` reads the tokens from the CSS and checks each pair's WCAG 2.x contrast ratio: `text` at
 * least 4.5:1, `large` (≥ 24 px, or ≥ 18.66 px bold) and `ui` (a control's boundary, WCAG 1.4.11) at least 3:1.
 */
export type ContrastUse = 'text' | 'large' | 'ui'

export interface ContrastPair {
  foreground: `--c-${string}`
  background: `--c-${string}`
  use: ContrastUse
}

const on = (foreground: ContrastPair['foreground'], backgrounds: ContrastPair['background'][], use: ContrastUse = 'text'): ContrastPair[] =>
  backgrounds.map((background) => ({ foreground, background, use }))

export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  // body text, and muted text (hints, metadata), on every surface
  ...on('--c-text', ['--c-page', '--c-surface', '--c-surface-muted', '--c-row-hover', '--c-accent-soft', '--c-danger-soft', '--c-warning-soft', '--c-ok-soft']),
  ...on('--c-text-muted', ['--c-page', '--c-surface', '--c-surface-muted', '--c-row-hover']),
  // links and link buttons; the strong accent of hovered links, current navigation and info badges
  ...on('--c-accent', ['--c-page', '--c-surface', '--c-surface-muted', '--c-row-hover']),
  ...on('--c-accent-strong', ['--c-surface', '--c-accent-soft', '--c-row-hover']),
  // text on filled buttons and badges
  ...on('--c-on-accent', ['--c-accent', '--c-accent-strong', '--c-danger', '--c-danger-strong']),
  // the header
  ...on('--c-header-text', ['--c-header']),
  ...on('--c-header-muted', ['--c-header']),
  // states: errors, warnings, success
  ...on('--c-danger', ['--c-surface', '--c-danger-soft', '--c-page']),
  ...on('--c-warning-text', ['--c-warning-soft']),
  ...on('--c-ok', ['--c-surface', '--c-ok-soft']),
  // the boundaries of controls: inputs and secondary buttons, the focus ring, badges' and alerts' edges
  ...on('--c-input-border', ['--c-surface', '--c-page', '--c-surface-muted'], 'ui'),
  ...on('--c-focus', ['--c-surface', '--c-page'], 'ui'),
  ...on('--c-accent', ['--c-accent-soft'], 'ui'),
  ...on('--c-warning-border', ['--c-warning-soft', '--c-surface'], 'ui'),
  ...on('--c-danger', ['--c-danger-soft'], 'ui'),
]

/** Colour tokens that are only drawn behind text or as decoration (separators, not a control's boundary). */
export const BACKGROUND_ONLY_TOKENS: readonly string[] = ['--c-border']
