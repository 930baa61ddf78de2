/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Name of the municipality or wellbeing services county running this installation, shown in the header. */
  readonly VITE_ORGANISATION_NAME?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
