/**
 * Toimeentulotuki (income support): the pure calculation engine. Kela's perustoimeentulotuki is reproduced
 * exactly (perusosa TTTL 9 §, alennettu perusosa TTTL 10 §, muut perusmenot TTTL 7 a–7 b §, tulot ja varat
 * TTTL 11 §) and the county's täydentävä (TTTL 7 c §) and ehkäisevä (TTTL 13 §) toimeentulotuki are added on top;
 * plus the processing deadline of TTTL 14 a §. Amounts come from effective-dated parameter sets, never from code.
 *
 * @module
 */
export * from './types';
export {
  DEFAULT_INCOME_SUPPORT_PARAMETERS,
  validateParameterSets,
  pickParameters,
  type ParameterSetProblem,
} from './parameters';
export { perusosaCategories, sanctionReductionPercent, ageOn, type PerusosaAssignment, type PerusosaReason } from './perusosa';
export { calculateIncomeSupport, type CalculationOutcome } from './calculate';
export { incomeSupportDeadline, type IncomeSupportDeadline } from './deadline';
export { incomeSupportRuleText } from './rule-text';
