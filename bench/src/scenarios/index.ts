import { auditSet } from './audit'
import { childWelfareSet } from './child-welfare'
import { incomeSupportSet } from './income-support'
import { registrySet } from './registry'
import { rightsSet } from './rights'
import type { ScenarioSet } from './types'

/** Every scenario set, in the order `bench run` runs them. Add new sets here. */
export const SCENARIO_SETS: readonly ScenarioSet[] = [registrySet, incomeSupportSet, childWelfareSet, auditSet, rightsSet]
