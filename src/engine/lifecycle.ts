/** Thrown when an entity is asked to move between two states its lifecycle does not connect. */
export class InvalidTransitionError extends Error {
  constructor(entity: string, from: string, to: string) {
    super(`${entity}: invalid transition ${from} -> ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/** A lifecycle's allowed moves: for each state, the states it may go to. */
export type Transitions<S extends string> = { readonly [K in S]: readonly S[] };

/** Returns `to` when `from -> to` is allowed by `table`; throws InvalidTransitionError otherwise. */
export function transition<S extends string>(entity: string, table: Transitions<S>, from: S, to: S): S {
  if (!table[from].includes(to)) throw new InvalidTransitionError(entity, from, to);
  return to;
}
