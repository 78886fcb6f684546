/**
 * A results folder (or a set of them) that cannot be read, merged or compared as asked:
 * a user error, reported as a message with exit status 2.
 */
export class ResultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsError';
  }
}
