import type { DecisionType } from '../../kernel/decisions/types'

/**
 * The income support decision (päätös toimeentulotuesta, TTTL 14 a §): a request for a review to the social welfare
 * authority within 30 days (TTTL 24 §), made by any official with the action's grant (benefit handlers included).
 */
export const INCOME_SUPPORT_DECISION: DecisionType = {
  code: 'income_support',
  serviceTask: 'income_support',
  title: { fi: 'Päätös toimeentulotuesta', sv: 'Beslut om utkomststöd' },
  appeal: { route: 'review_request', days: 30, law: { fi: 'laki toimeentulotuesta 24 §', sv: '24 § i lagen om utkomststöd' } },
  qualification: null,
  outcomes: ['granted', 'partly_granted', 'refused'],
  payableSourceKind: 'income_support_decision',
}
