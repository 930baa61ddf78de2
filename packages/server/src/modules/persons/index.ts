import { personsCopy } from './copy'
import { defineModule } from '../module'
import { breakGlassEvents, vtjEvents } from './events'
import { personsActions } from './actions'
import { fieldMessages } from './messages'
import { personRoutes } from './routes'
import { breakGlassRoutes } from './break-glass-routes'
import { registryRoutes } from './registry-routes'
import { vtjRoutes } from './vtj-routes'
import { vtjSyncJob } from './vtj-job'

/** The registry's name search, for the modules that search it on their own basis (child welfare's intake). */
export { searchVisible, type PersonCriteria } from './repository'

export const personsModule = defineModule({
  name: 'persons',
  clientCopy: personsCopy,
  // the client's relationships of a service task are that register's: they go with it
  registerRecords: [{ table: 'client_relationship', serviceTask: { column: 'service_task' } }],
  actions: personsActions,
  routes: async (app) => {
    await app.register(personRoutes)
    await app.register(breakGlassRoutes)
    await app.register(registryRoutes)
    await app.register(vtjRoutes)
  },
  messages: fieldMessages,
  events: [breakGlassEvents, vtjEvents],
  jobs: ({ vtj, config }) => [vtjSyncJob({ vtj, at: config.jobs.vtjSyncAt })],
})
