/**
 * A decider: pure functions over plain data, so a test is "given events, when command, then events or error".
 * `Decided` is what decide emits before the envelope (id, times, actor) is added; `Event` is what evolve folds.
 */
export interface Decider<Command, Event, State, Decided = Event> {
  decide(command: Command, state: State): Decided[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
