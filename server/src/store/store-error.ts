/** A store misuse or an unreadable stored value, with the context needed to find it. */
export class StoreError extends Error {
  readonly context: Record<string, string>;
  constructor(message: string, context: Record<string, string> = {}) {
    super(message);
    this.name = 'StoreError';
    this.context = context;
  }
}
