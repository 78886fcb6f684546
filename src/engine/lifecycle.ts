/** Thrown when an entity is asked to move between two states its lifecycle does not connect. */
export class InvalidTransitionError extends Error {
  constructor(entity: string, from: string, to: string) {
    super(`${entity}: invalid transition ${from} -> ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/** A lifecycle's allowed moves: for each state, the states it may go to. */
export type Transitions<S extends string> = { readonly [K in S]: readonly S[] };

/**
 * Returns `to` when `from -> to` is allowed by `table`; throws InvalidTransitionError
 * otherwise, naming the entity `<kind> <id>` (made only then: this runs at every event).
 */
export function transition<S extends string>(kind: string, id: string, table: Transitions<S>, from: S, to: S): S {
  if (!table[from].includes(to)) throw new InvalidTransitionError(`${kind} ${id}`, from, to);
  return to;
}
