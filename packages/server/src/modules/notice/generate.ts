import { createHash } from 'node:crypto'
import type { NoticeDocument, NoticeItem, NoticeLanguage, NoticeSection } from '@huoma/contract'
import { GENERAL_LEGAL_BASIS, RETENTION_RULES_2024, serviceTaskProcessing } from '@huoma/domain'
import { NOTICE_TEXTS } from './texts'

/** Everything the notice is generated from, as read from the configuration (`queries.ts`, `loadNoticeSources`). */
export interface NoticeSources {
  organisation: { name: string; businessId: string } | null
  settings: {
    controllerAddress: string
    controllerEmail: string
    controllerPhone: string
    dpoName: string
    dpoEmail: string
    dpoPhone: string
    dpoAddress: string
    rightsContactFi: string
    rightsContactSv: string
    transfersFi: string
    transfersSv: string
    securityFi: string
    securitySv: string
  }
  serviceTasks: { code: string; nameFi: string; nameSv: string }[]
  /** the active regular disclosures, in the order of their service task, then recipient */
  disclosures: { serviceTask: string; recipientFi: string; recipientSv: string; legalBasisFi: string; legalBasisSv: string; contentFi: string; contentSv: string; frequency: keyof (typeof NOTICE_TEXTS)['fi']['frequencies'] }[]
  /** the active entries of the paper records register */
  paperRecords: { serviceTask: string; unitNameFi: string | null; unitNameSv: string | null; place: string; content: string; period: string; responsible: string }[]
}

/** The notice in both languages: what a version stores. */
export interface NoticeContent {
  fi: NoticeDocument
  sv: NoticeDocument
}

const section = (id: string, heading: string, paragraphs: string[], items: NoticeItem[] = []): NoticeSection => ({ id, heading, paragraphs, items })

/** The notice in one language, from the configuration, the domain's service task texts and its retention table. */
export function composeNotice(src: NoticeSources, lang: NoticeLanguage): NoticeDocument {
  const t = NOTICE_TEXTS[lang]
  const s = src.settings
  const or = (v: string) => (v.trim() === '' ? t.notSet : v.trim())
  const taskName = (code: string) => {
    const task = src.serviceTasks.find((x) => x.code === code)
    return task ? (lang === 'sv' ? task.nameSv : task.nameFi) : code
  }
  const pick = (fi: string, sv: string) => (lang === 'sv' ? sv : fi)

  const controller = section('controller', t.controller, [
    src.organisation?.name ?? t.notSet,
    `${t.businessId}: ${or(src.organisation?.businessId ?? '')}`,
    `${t.address}: ${or(s.controllerAddress)}`,
    `${t.email}: ${or(s.controllerEmail)}`,
    `${t.phone}: ${or(s.controllerPhone)}`,
  ])
  const dpo = section('dpo', t.dpo, [`${t.name}: ${or(s.dpoName)}`, `${t.email}: ${or(s.dpoEmail)}`, `${t.phone}: ${or(s.dpoPhone)}`, `${t.address}: ${or(s.dpoAddress)}`])
  const purposes = section(
    'purposes',
    t.purposes,
    [t.register, GENERAL_LEGAL_BASIS[lang]],
    src.serviceTasks.map((task) => {
      const p = serviceTaskProcessing(task.code)
      return { title: taskName(task.code), lines: p ? [p.purpose[lang], `${t.acts}: ${p.acts[lang]}`] : [] }
    }),
  )
  const dataGroups = section('data', t.dataGroups, [...t.dataGroupList])
  const sources = section('sources', t.sources, [...t.sourceList])
  const disclosures = section(
    'disclosures',
    t.disclosures,
    [src.disclosures.length ? t.disclosuresIntro : t.noDisclosures],
    src.disclosures.map((d) => ({
      title: pick(d.recipientFi, d.recipientSv),
      lines: [
        `${t.serviceTask}: ${taskName(d.serviceTask)}`,
        `${t.legalBasis}: ${pick(d.legalBasisFi, d.legalBasisSv)}`,
        `${t.disclosed}: ${pick(d.contentFi, d.contentSv)}`,
        `${t.frequency}: ${t.frequencies[d.frequency]}`,
      ],
    })),
  )
  const transfersText = pick(s.transfersFi, s.transfersSv).trim()
  const transfers = section('transfers', t.transfers, [transfersText || t.noTransfers])
  const retention = section(
    'retention',
    t.retention,
    [t.retentionIntro],
    RETENTION_RULES_2024.filter((r) => r.validUntil === null).map((r) => ({
      title: t.classes[r.retentionClass],
      lines: [`${t.years(r.years)} ${t.triggers[r.trigger]}`, r.legalSource],
    })),
  )
  const paper = section(
    'paper',
    t.paper,
    [src.paperRecords.length ? t.paperIntro : t.noPaper],
    src.paperRecords.map((p) => ({
      title: `${taskName(p.serviceTask)} – ${(lang === 'sv' ? p.unitNameSv : p.unitNameFi) ?? t.wholeOrganisation}`,
      lines: [`${t.place}: ${p.place}`, `${t.content}: ${p.content}`, `${t.period}: ${p.period}`, `${t.responsible}: ${p.responsible}`],
    })),
  )
  const ownSecurity = pick(s.securityFi, s.securitySv).trim()
  const security = section('security', t.security, [...t.securityList, ...(ownSecurity ? [ownSecurity] : [])])
  const contact = pick(s.rightsContactFi, s.rightsContactSv).trim()
  const rights = section('rights', t.rights, [...t.rightsList, ...(contact ? [`${t.rightsContact}: ${contact}`] : [])])
  return { title: t.title, sections: [controller, dpo, purposes, dataGroups, sources, disclosures, transfers, retention, paper, security, rights] }
}

export function composeNoticeContent(src: NoticeSources): NoticeContent {
  return { fi: composeNotice(src, 'fi'), sv: composeNotice(src, 'sv') }
}

/** SHA-256 (hex) of the content as generated (its keys in a fixed order). */
export function noticeHash(content: NoticeContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}
