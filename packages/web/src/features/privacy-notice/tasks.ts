/** The service tasks in their order (the `service_task` table's codes). */
export const TASKS = ['adult_social_work', 'income_support', 'child_welfare', 'family_services', 'disability_services', 'substance_mental_health', 'child_maintenance', 'client_fees'] as const
