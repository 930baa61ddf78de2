import { type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/**
 * Child welfare records of the child: the notifications about them (never the reporter's identity: only what kind of
 * reporter), matters, assessments, client plans, placements and support measures.
 */
export const childWelfareCopy: readonly CopyTable[] = [
  {
    key: 'child-welfare/notification',
    title: L('Lastensuojeluilmoitukset', 'Barnskyddsanmälningar'),
    from: 'cw_notification n JOIN intake_person ip ON ip.intake_id = n.intake_id',
    personColumn: 'ip.person_id',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'notification',
    date: "to_char(n.received_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'receipt', sql: 'n.receipt', label: L('Tunnus', 'Kod') },
      { key: 'kind', sql: 'n.kind', label: L('Laji', 'Typ') },
      { key: 'received_on', sql: "to_char(n.received_on, 'YYYY-MM-DD')", label: L('Saapunut', 'Inkommen') },
      { key: 'reporter_type', sql: 'n.reporter_type', label: L('Ilmoittaja', 'Anmälare') },
      { key: 'content', sql: 'n.content', label: L('Sisältö', 'Innehåll') },
    ],
    orderBy: 'n.received_at',
  },
  {
    key: 'child-welfare/matter',
    title: L('Lastensuojeluasiat', 'Barnskyddsärenden'),
    from: 'cw_matter',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'matter',
    date: "to_char(pending_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'pending_on', sql: "to_char(pending_on, 'YYYY-MM-DD')", label: L('Vireille', 'Anhängigt') },
      { key: 'state', label: L('Tila', 'Status') },
      { key: 'start_decision', label: L('Selvityksen aloittaminen', 'Inledande av utredning') },
      { key: 'start_decided_on', sql: "to_char(start_decided_on, 'YYYY-MM-DD')", label: L('Päätetty', 'Beslutat') },
      { key: 'start_reasons', label: L('Perustelut', 'Motivering') },
    ],
    orderBy: 'pending_on, id',
  },
  {
    key: 'child-welfare/assessment',
    title: L('Palvelutarpeen arviot', 'Bedömningar av servicebehov'),
    from: 'cw_assessment',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'service_need_assessment',
    date: "to_char(coalesce(completed_on, (created_at AT TIME ZONE 'Europe/Helsinki')::date), 'YYYY-MM-DD')",
    columns: [
      { key: 'completed_on', sql: "to_char(completed_on, 'YYYY-MM-DD')", label: L('Valmistunut', 'Färdig') },
      { key: 'child_views', label: L('Lapsen näkemys', 'Barnets åsikt') },
      { key: 'guardian_views', label: L('Huoltajien näkemys', 'Vårdnadshavarnas åsikt') },
      { key: 'summary', label: L('Yhteenveto', 'Sammanfattning') },
      { key: 'conclusion', label: L('Johtopäätös', 'Slutsats') },
    ],
    orderBy: 'completed_on',
  },
  {
    key: 'child-welfare/plan',
    title: L('Asiakassuunnitelmat', 'Klientplaner'),
    from: 'cw_plan',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'client_plan',
    date: "to_char(made_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'kind', label: L('Laji', 'Typ') },
      { key: 'made_on', sql: "to_char(made_on, 'YYYY-MM-DD')", label: L('Laadittu', 'Upprättad') },
      { key: 'goals', label: L('Tavoitteet', 'Mål') },
      { key: 'measures', label: L('Toimenpiteet', 'Åtgärder') },
      { key: 'child_views', label: L('Lapsen näkemys', 'Barnets åsikt') },
      { key: 'parent_views', label: L('Vanhempien näkemys', 'Föräldrarnas åsikt') },
      { key: 'review_by', sql: "to_char(review_by, 'YYYY-MM-DD')", label: L('Tarkistetaan viimeistään', 'Ses över senast') },
    ],
    orderBy: 'made_on, id',
  },
  {
    key: 'child-welfare/placement',
    title: L('Sijoitukset', 'Placeringar'),
    from: 'cw_placement',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'placement',
    date: "to_char(starts_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'basis', label: L('Peruste', 'Grund') },
      { key: 'form', label: L('Sijoitusmuoto', 'Placeringsform') },
      { key: 'place_name', label: L('Paikka', 'Plats') },
      { key: 'starts_on', sql: "to_char(starts_on, 'YYYY-MM-DD')", label: L('Alkaa', 'Börjar') },
      { key: 'ends_on', sql: "to_char(ends_on, 'YYYY-MM-DD')", label: L('Päättyy', 'Slutar') },
    ],
    orderBy: 'starts_on, id',
  },
  {
    key: 'child-welfare/support-measure',
    title: L('Tukitoimet', 'Stödåtgärder'),
    from: 'cw_support_measure',
    serviceTask: { fixed: 'child_welfare' },
    documentType: 'support_measure',
    date: "to_char(starts_on, 'YYYY-MM-DD')",
    columns: [
      { key: 'phase', label: L('Vaihe', 'Skede') },
      { key: 'code', label: L('Tukitoimi', 'Stödåtgärd') },
      { key: 'granted', label: L('Myönnetty', 'Beviljad') },
      { key: 'description', label: L('Kuvaus', 'Beskrivning') },
      { key: 'starts_on', sql: "to_char(starts_on, 'YYYY-MM-DD')", label: L('Alkaa', 'Börjar') },
      { key: 'ends_on', sql: "to_char(ends_on, 'YYYY-MM-DD')", label: L('Päättyy', 'Slutar') },
    ],
    orderBy: 'starts_on, id',
  },
]
