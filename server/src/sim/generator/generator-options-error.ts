/** Raised when generator options are out of range; `field` names the offending option. */
export class GeneratorOptionsError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'GeneratorOptionsError';
    this.field = field;
  }
}
