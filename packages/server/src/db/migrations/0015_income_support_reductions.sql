-- Income support: a member's perusosa reduction by its ground (TTTL 10 §), the percentage then coming from the
-- period's parameter set (`reductions` in the set's body); `reduction_percent` stays for a percentage given as such.
ALTER TABLE income_support_member
  ADD COLUMN reduction_ground text CHECK (reduction_ground IN ('refused_work', 'repeated_refusal', 'primary_benefit_not_applied',
    'not_registered_jobseeker', 'unemployment_sanction', 'integration_plan')),
  ADD COLUMN sanction_month integer CHECK (sanction_month BETWEEN 1 AND 24),
  ADD CONSTRAINT income_support_member_sanction_month CHECK (sanction_month IS NULL OR reduction_ground = 'unemployment_sanction');
