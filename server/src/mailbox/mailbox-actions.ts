// Reversible actions on one mailbox, all through Graph and all recorded (who, what, when, from and to
// folder, message ids before and after): hold (move to the hidden "Lantern Held" folder), release (move
// back where it came from), tag / untag (an Outlook category), lock-links (recorded plus a category),
// and moving a reported message to junk.
import type { Clock } from '../clock.ts';
import type { MailboxGraph } from './mailbox-graph.ts';
import type { HoldRow, MailboxRepository } from './mailbox-repository.ts';
import type { MailboxPolicy } from './mailbox-policy.ts';

export const HELD_FOLDER_PURPOSE = 'held';
/** Actor recorded for actions Lantern takes on its own (live scoring). */
export const SYSTEM_ACTOR = 'lantern';

export interface MailboxActionsDeps {
  repo: MailboxRepository;
  graph: MailboxGraph;
  clock: Clock;
  policy: MailboxPolicy;
}

export class MailboxActions {
  readonly #deps: MailboxActionsDeps;
  readonly #folderCreation = new Map<string, Promise<string>>();
  constructor(deps: MailboxActionsDeps) {
    this.#deps = deps;
  }

  /** The message as Graph has it now, remembering the id it was asked for as an alias of its own id. */
  async #fetch(userId: string, messageId: string) {
    const message = await this.#deps.graph.getMessage(userId, messageId);
    if (message.id !== messageId) await this.#deps.repo.saveAlias(userId, messageId, message.id);
    return message;
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  /** The hidden held folder's id: from the store, or created once (concurrent callers share one creation). */
  async heldFolderId(userId: string): Promise<string> {
    const known = await this.#deps.repo.folderId(userId, HELD_FOLDER_PURPOSE);
    if (known) return known;
    let pending = this.#folderCreation.get(userId);
    if (!pending) {
      pending = (async () => {
        const id = await this.#deps.graph.ensureHiddenFolder(userId, this.#deps.policy.heldFolderName);
        await this.#deps.repo.saveFolderId(userId, HELD_FOLDER_PURPOSE, id, this.#now());
        return id;
      })().finally(() => this.#folderCreation.delete(userId));
      this.#folderCreation.set(userId, pending);
    }
    return pending;
  }

  /** Moves the message to the hidden held folder, remembering its folder; idempotent. */
  async hold(userId: string, messageId: string, actor: string, scored: { score: number; verdict: string }): Promise<HoldRow> {
    const { repo, graph } = this.#deps;
    const existing = await repo.activeHold(userId, messageId);
    if (existing) return existing;
    const heldFolder = await this.heldFolderId(userId);
    const message = await this.#fetch(userId, messageId);
    // Already in the held folder: moved before a crash that came ahead of the record. Record it, never move
    // it again (its original folder is then unknown: release puts it in the inbox).
    const alreadyHeld = message.parentFolderId === heldFolder;
    const fromFolder = alreadyHeld ? 'inbox' : (message.parentFolderId ?? 'inbox');
    const moved = alreadyHeld ? { id: message.id, parentFolderId: heldFolder } : await graph.moveMessage(userId, message.id, heldFolder);
    const at = this.#now();
    const hold: HoldRow = {
      id: repo.newId(),
      user_id: userId,
      message_id: moved.id,
      original_message_id: message.id,
      from_folder_id: fromFolder,
      held_folder_id: heldFolder,
      held_at: at,
      score: scored.score,
      verdict: scored.verdict,
      status: 'held',
      released_at: null,
      released_by: null,
    };
    await repo.insertHold(hold);
    await repo.renameAssessment(userId, message.id, moved.id);
    await repo.recordAction({
      user_id: userId, action: 'hold', actor, at,
      message_id_before: message.id, message_id_after: moved.id,
      from_folder: fromFolder, to_folder: heldFolder, detail: null,
    });
    return hold;
  }

  /** Puts a held message back in the folder it was held from. Returns the message's id afterwards. */
  async releaseHold(hold: HoldRow, actor: string): Promise<string> {
    const { repo, graph } = this.#deps;
    const moved = await graph.moveMessage(hold.user_id, hold.message_id, hold.from_folder_id);
    const at = this.#now();
    await repo.markReleased(hold.id, at, actor);
    await repo.renameAssessment(hold.user_id, hold.message_id, moved.id);
    await repo.recordAction({
      user_id: hold.user_id, action: 'release', actor, at,
      message_id_before: hold.message_id, message_id_after: moved.id,
      from_folder: hold.held_folder_id, to_folder: hold.from_folder_id, detail: null,
    });
    return moved.id;
  }

  /** Adds an Outlook category (tag, or lock-links with its own category). */
  async addCategory(userId: string, messageId: string, actor: string, action: 'tag' | 'lock-links'): Promise<void> {
    const { graph, policy, repo } = this.#deps;
    const category = action === 'tag' ? policy.categories.tag : policy.categories.lockLinks;
    const message = await this.#fetch(userId, messageId);
    const categories = message.categories ?? [];
    if (!categories.includes(category)) await graph.setCategories(userId, message.id, [...categories, category]);
    await repo.recordAction({
      user_id: userId, action, actor, at: this.#now(),
      message_id_before: message.id, message_id_after: message.id,
      from_folder: null, to_folder: null, detail: category,
    });
  }

  /** Removes Lantern's categories (undoes tag and lock-links). Returns true when there was one to remove. */
  async removeCategories(userId: string, messageId: string, actor: string): Promise<boolean> {
    const { graph, policy, repo } = this.#deps;
    const ours = new Set([policy.categories.tag, policy.categories.lockLinks]);
    const message = await this.#fetch(userId, messageId);
    const categories = message.categories ?? [];
    const kept = categories.filter((c) => !ours.has(c));
    if (kept.length === categories.length) return false;
    await graph.setCategories(userId, message.id, kept);
    await repo.recordAction({
      user_id: userId, action: 'untag', actor, at: this.#now(),
      message_id_before: message.id, message_id_after: message.id,
      from_folder: null, to_folder: null, detail: categories.filter((c) => ours.has(c)).join(', '),
    });
    return true;
  }

  /** Moves a message to a folder (well-known name or id), recorded under `action`. Returns the new id. */
  async moveTo(userId: string, messageId: string, folder: string, actor: string, action: string): Promise<string> {
    const { graph, repo } = this.#deps;
    const message = await this.#fetch(userId, messageId);
    const moved = await graph.moveMessage(userId, message.id, folder);
    await repo.renameAssessment(userId, message.id, moved.id);
    await repo.recordAction({
      user_id: userId, action, actor, at: this.#now(),
      message_id_before: message.id, message_id_after: moved.id,
      from_folder: message.parentFolderId ?? null, to_folder: moved.parentFolderId ?? folder, detail: null,
    });
    return moved.id;
  }
}
