import type { AppealRoute } from '@huoma/domain'

/** A professional qualification recorded for a worker (Valvira's register of social welfare professionals). */
export type Qualification = 'licensed_social_worker' | 'licensed_social_counsellor'

/** A statute reference in both document languages. */
export interface LawText {
  fi: string
  sv: string
}

/**
 * A kind of administrative decision, declared by the module that makes it. The kernel keeps its decisions in one
 * table, checks the maker's qualification, never lets a decision change, prints it with the appeal instructions of
 * its route, and pays through payables with the type's source kind.
 */
export interface DecisionType {
  /** `income_support`, `child_welfare_urgent_placement`, … (decision.decision_type) */
  code: string
  /** the register the decision belongs to */
  serviceTask: string
  /** the document's title */
  title: LawText
  /** how the decision may be challenged and in how many days of the notification */
  appeal: { route: 'none' } | { route: Exclude<AppealRoute, 'none'>; days: number; law: LawText }
  /** the qualification the decision maker must hold; null: any official with the action's grant */
  qualification: Qualification | null
  /** the outcomes a decision of this type may have */
  outcomes: readonly string[]
  /** the `payable.source_kind` of the money this type pays */
  payableSourceKind: string
}
