import type { HouseholdProposal, MemberInput, MemberRole } from '@huoma/contract'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError, type ErrorText } from '../../api/client'
import { ErrorAlert } from '../../components/Alert'
import { fetchHousehold } from './api'
import { isLabel } from './labels'
import { formatDate } from '../../lib/format'
import { personName } from '../../lib/labels'

export type ProposedMember = HouseholdProposal['members'][number]

export type ProposalState = { status: 'loading' } | { status: 'done'; proposal: HouseholdProposal } | { status: 'error'; error: ErrorText }

/** The client's registry household on a day (the members proposed for an application), fetched again when the day changes. */
export function useHouseholdProposal(personId: string, on: string | undefined): ProposalState {
  const [state, setState] = useState<{ key: string; value: ProposalState }>()
  const key = `${personId} ${on ?? ''}`
  useEffect(() => {
    if (!on) return
    const controller = new AbortController()
    fetchHousehold(personId, on, controller.signal).then(
      (proposal) => setState({ key, value: { status: 'done', proposal } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, value: { status: 'error', error: describeError(error) } })
      },
    )
    return () => controller.abort()
  }, [personId, on, key])
  return state?.key === key ? state.value : { status: 'loading' }
}

/** The role a person gets when added: the registry's proposal, or else (a flatmate) an adult living in the household. */
export const roleOnAdding = (member: ProposedMember): MemberRole => member.role ?? 'adult_child'

/**
 * Adding a household member from the registry: the persons of the client's registry household who are not members
 * of the application yet, each with its proposed role (a flatmate has none and is not part of the family by default).
 */
export function HouseholdAdder({
  proposal,
  current,
  onAdd,
}: {
  proposal: ProposalState
  current: readonly MemberInput[]
  onAdd: (member: ProposedMember) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const inDraft = new Set(current.map((m) => m.personId))
  const candidates = proposal.status === 'done' ? proposal.proposal.members.filter((m) => !inDraft.has(m.personId)) : []
  return (
    <div className="is-household-adder" role="group" aria-labelledby={id}>
      <p id={id} className="is-adder-title">
        {t('incomeSupport.members.fromRegistry')}
      </p>
      {proposal.status === 'loading' && <p className="muted">{t('incomeSupport.loading')}</p>}
      {proposal.status === 'error' && <ErrorAlert error={proposal.error} />}
      {proposal.status === 'done' && candidates.length === 0 && <p className="muted">{t('incomeSupport.members.noOthers')}</p>}
      {candidates.length > 0 && (
        <ul className="is-candidates">
          {candidates.map((m) => (
            <li key={m.personId}>
              <span>
                {personName(m)} ({formatDate(m.birthDate)}) —{' '}
                {m.role ? t('incomeSupport.members.proposedRole', { role: isLabel(t, 'roles', m.role) }) : t('incomeSupport.members.notFamily')}
              </span>{' '}
              <button type="button" className="button button-small" onClick={() => onAdd(m)} aria-label={t('incomeSupport.members.addOf', { name: personName(m) })}>
                {t('incomeSupport.members.add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
