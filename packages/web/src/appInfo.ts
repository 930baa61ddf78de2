import { version } from '../package.json'

export const APP_VERSION: string = version

/** The municipality or wellbeing services county shown in the header, set at build time. */
export const ORGANISATION_NAME: string | undefined = import.meta.env.VITE_ORGANISATION_NAME?.trim() || undefined
