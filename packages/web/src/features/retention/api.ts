import { retentionEndpoints as ep, type DestructionRemoveItem, type RetentionRuleUpdate } from '@huoma/contract'
import { callApi } from '../../api/endpoint'

/** Calls of retention and destruction, typed by the contract. */
export const retentionApi = {
  updateRule: (ruleId: string, body: RetentionRuleUpdate) => callApi(ep['retention.updateRule'], { params: { ruleId }, body }),
  propose: () => callApi(ep['destruction.propose'], {}),
  removeItem: (listId: string, itemId: string, body: DestructionRemoveItem) => callApi(ep['destruction.removeItem'], { params: { listId, itemId }, body }),
  approve: (listId: string, version: number) => callApi(ep['destruction.approve'], { params: { listId }, body: { version } }),
  execute: (listId: string) => callApi(ep['destruction.execute'], { params: { listId } }),
}
