// Counts the real moves the simulated tenant performs, per message (immutable id): the ground truth the SIGKILL
// tests and the cluster benchmark compare with "a message is never moved twice".
import type { TenantState } from './tenant-state.ts';

/** Wraps `state.moveMessage` so that `moves` counts each message's changes of folder (a move to the same folder does not count). */
export function countMovesInto(state: TenantState, moves: Map<string, number>): void {
  const move = state.moveMessage.bind(state);
  state.moveMessage = (userId, id, destination) => {
    const before = state.message(userId, id)?.folderId;
    const moved = move(userId, id, destination);
    if (moved.folderId !== before) moves.set(moved.immutableId, (moves.get(moved.immutableId) ?? 0) + 1);
    return moved;
  };
}
