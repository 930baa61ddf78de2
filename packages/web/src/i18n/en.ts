import { features } from '../features'
import { composeDictionary, type Translation } from '../lib/feature'
import type { appWide as source, Dictionary } from './fi'

/** The app-wide keys in English: exactly the Finnish source's keys. */
export const appWide: Translation<typeof source> = {
  app: {
    name: 'Huoma',
    tagline: 'Social welfare client information system',
    version: 'Version {{version}}',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
  },
  header: {
    account: 'My account',
    userLabel: 'Signed-in user',
    logout: 'Sign out',
    loggingOut: 'Signing out…',
    logoutFailed: 'Signing out failed. Please try again.',
  },
  nav: {
    label: 'Main menu',
  },
  roles: {
    'social_worker': 'Social worker',
    'social_counsellor': 'Social counsellor',
    'benefit_handler': 'Benefit handler',
    'office_secretary': 'Office secretary',
    supervisor: 'Supervisor',
    'main_user': 'Main user',
    'data_protection_officer': 'Data protection officer',
    finance: 'Finance',
    statistician: 'Statistician',
    archivist: 'Archive officer',
  },
  common: {
    cancel: 'Cancel',
    errorSummary: { title: 'There is a problem' },
    characterCount: {
      left_one: '{{n}} character left (at most {{max}})',
      left_other: '{{n}} characters left (at most {{max}})',
      over_one: 'The text is {{n}} character too long (at most {{max}})',
      over_other: 'The text is {{n}} characters too long (at most {{max}})',
    },
    unsaved: {
      title: 'Leave without saving?',
      message: 'The form has text that is not saved. If you leave now, it will not be saved.',
      leave: 'Leave without saving',
      stay: 'Keep writing',
    },
    serviceTasks: {
      adult_social_work: 'Adult social work',
      income_support: 'Income support',
      child_welfare: 'Child welfare',
      family_services: 'Families’ social services',
      disability_services: 'Disability services',
      substance_mental_health: 'Substance abuse and mental health',
      child_maintenance: 'Child maintenance supervisor',
      client_fees: 'Client fees',
      confidential: 'Social service (not shown to office work)',
    },
    paging: {
      label: 'Pages',
      shown: 'Showing {{from}}–{{to}} of {{total}}',
      none: 'No rows.',
      previous: 'Previous page',
      next: 'Next page',
      page: 'Page {{page}} of {{pages}}',
      sortBy: 'Sort by {{column}}',
    },
  },
  attachments: {
    title: 'Attachments',
    loading: 'Loading attachments…',
    empty: 'There are no attachments in this service task yet.',
    listLabel: 'Attachments from newest to oldest',
    name: 'File',
    type: 'Type',
    size: 'Size',
    uploaded: 'Added',
    uploadedBy: '{{name}} at {{time}}',
    download: 'Download {{name}}',
    downloadHint: 'Downloads are logged.',
    uploadTitle: 'Add an attachment',
    file: 'File (PDF, PNG, JPEG, TIFF or a text file, at most {{max}})',
    submit: 'Send the attachment',
    sending: 'Sending…',
    chooseFile: 'Choose the file to send first.',
    tooLarge: 'The file is too large: the largest accepted size is {{max}}.',
    uploadedNotice: 'The attachment {{name}} was saved.',
    documentType: 'Document type',
    documentTypePlaceholder: 'Choose…',
    chooseDocumentType: 'Choose what kind of document the attachment is.',
    documentTypes: {
      authority_statement: 'Statement from another authority',
      medical_statement: 'Medical statement or certificate',
      income_evidence: 'Evidence of income or expenses',
      bank_statement: 'Bank statement',
      tenancy_agreement: 'Tenancy agreement',
      power_of_attorney: 'Power of attorney',
      client_account: 'The client\'s own account or letter',
      other: 'Other attached document',
    },
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address. Check the address or return to the home page.',
    forbiddenTitle: 'No access',
    forbiddenText:
      'You do not have access to this module. If you need it for your work, ask your supervisor for the permission.',
    backHome: 'Return to the home page',
    unavailableTitle: 'Huoma cannot be reached',
    network: 'The server could not be reached. Check the network connection and try again.',
    unexpected: 'An unexpected error occurred. Please try again.',
    http: 'The server responded with an error (HTTP {{status}}).',
    retry: 'Try again',
  },
}

/** The English dictionary: the app-wide keys and every feature's slice from the features list. */
export const en = composeDictionary('en', appWide, features) as Dictionary
