import type { DecisionType } from '../../kernel/decisions/types'

/** Child welfare decisions are appealed to the administrative court within 30 days (LSL 89 §). */
const COURT = { route: 'administrative_court' as const, days: 30, law: { fi: 'lastensuojelulaki 89 §', sv: '89 § i barnskyddslagen' } }

/**
 * The placement decisions of child welfare, on the kernel: made by a licensed social worker (the official the
 * organisation's delegation names; LSL 13 §), appealed to the administrative court, each with its one outcome.
 */
const placementDecision = (code: string, title: DecisionType['title'], outcome: string): DecisionType => ({
  code,
  serviceTask: 'child_welfare',
  title,
  appeal: COURT,
  qualification: 'licensed_social_worker',
  outcomes: [outcome],
  payableSourceKind: 'child_welfare_placement',
})

export const URGENT_PLACEMENT = placementDecision('child_welfare_urgent_placement', { fi: 'Päätös kiireellisestä sijoituksesta', sv: 'Beslut om brådskande placering' }, 'placed')

export const URGENT_PLACEMENT_EXTENSION = placementDecision(
  'child_welfare_urgent_placement_extension',
  { fi: 'Päätös kiireellisen sijoituksen jatkamisesta', sv: 'Beslut om fortsatt brådskande placering' },
  'extended',
)

export const CARE_ORDER = placementDecision(
  'child_welfare_care_order',
  { fi: 'Päätös huostaanotosta ja sijaishuoltoon sijoittamisesta', sv: 'Beslut om omhändertagande och placering i vård utom hemmet' },
  'care_order',
)

/** Ending the care (huostassapidon lakkaaminen, LSL 47 §): the child's after-care follows (LSL 75 §). */
export const CARE_END = placementDecision('child_welfare_care_end', { fi: 'Päätös huostassapidon lakkaamisesta', sv: 'Beslut om upphörande av vård utom hemmet' }, 'care_ended')

/** Open-care support measures, the open-care placement among them (LSL 34–37 §): each measure granted or refused. */
export const OPEN_CARE_SUPPORT: DecisionType = {
  ...placementDecision('child_welfare_open_care', { fi: 'Päätös avohuollon tukitoimista', sv: 'Beslut om stödåtgärder inom öppenvården' }, 'granted'),
  outcomes: ['granted', 'partly_granted', 'refused'],
}

/** After-care measures for a young person after substitute care (LSL 75–76 §). */
export const AFTER_CARE_SUPPORT: DecisionType = {
  ...placementDecision('child_welfare_after_care', { fi: 'Päätös jälkihuollon tukitoimista', sv: 'Beslut om stödåtgärder inom eftervården' }, 'granted'),
  outcomes: ['granted', 'partly_granted', 'refused'],
}

export const CHILD_WELFARE_DECISION_TYPES = [URGENT_PLACEMENT, URGENT_PLACEMENT_EXTENSION, CARE_ORDER, CARE_END, OPEN_CARE_SUPPORT, AFTER_CARE_SUPPORT] as const

export const decisionTypeOf = (code: string): DecisionType | undefined => CHILD_WELFARE_DECISION_TYPES.find((t) => t.code === code)
