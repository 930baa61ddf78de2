import type { DecisionType } from '../../kernel/decisions/types'

/** Child welfare decisions are appealed to the administrative court within 30 days (LSL 89 §). */
const COURT = { route: 'administrative_court' as const, days: 30, law: { fi: 'lastensuojelulaki 89 §', sv: '89 § i barnskyddslagen' } }

/**
 * The placement decisions of child welfare, on the kernel: made by a licensed social worker (the official the
 * organisation's delegation names; LSL 13 §), appealed to the administrative court.
 */
export const URGENT_PLACEMENT: DecisionType = {
  code: 'child_welfare_urgent_placement',
  serviceTask: 'child_welfare',
  title: { fi: 'Päätös kiireellisestä sijoituksesta', sv: 'Beslut om brådskande placering' },
  appeal: COURT,
  qualification: 'licensed_social_worker',
  outcomes: ['placed'],
  payableSourceKind: 'child_welfare_placement',
}

export const URGENT_PLACEMENT_EXTENSION: DecisionType = {
  code: 'child_welfare_urgent_placement_extension',
  serviceTask: 'child_welfare',
  title: { fi: 'Päätös kiireellisen sijoituksen jatkamisesta', sv: 'Beslut om fortsatt brådskande placering' },
  appeal: COURT,
  qualification: 'licensed_social_worker',
  outcomes: ['extended'],
  payableSourceKind: 'child_welfare_placement',
}

export const CARE_ORDER: DecisionType = {
  code: 'child_welfare_care_order',
  serviceTask: 'child_welfare',
  title: { fi: 'Päätös huostaanotosta ja sijaishuoltoon sijoittamisesta', sv: 'Beslut om omhändertagande och placering i vård utom hemmet' },
  appeal: COURT,
  qualification: 'licensed_social_worker',
  outcomes: ['care_order'],
  payableSourceKind: 'child_welfare_placement',
}

/** Ending the care (huostassapidon lakkaaminen, LSL 47 §): the child's after-care follows (LSL 75 §). */
export const CARE_END: DecisionType = {
  code: 'child_welfare_care_end',
  serviceTask: 'child_welfare',
  title: { fi: 'Päätös huostassapidon lakkaamisesta', sv: 'Beslut om upphörande av vård utom hemmet' },
  appeal: COURT,
  qualification: 'licensed_social_worker',
  outcomes: ['care_ended'],
  payableSourceKind: 'child_welfare_placement',
}

export const CHILD_WELFARE_DECISION_TYPES = [URGENT_PLACEMENT, URGENT_PLACEMENT_EXTENSION, CARE_ORDER, CARE_END] as const

export const decisionTypeOf = (code: string): DecisionType | undefined => CHILD_WELFARE_DECISION_TYPES.find((t) => t.code === code)
