import { Decider, DomainEvent, fold } from '../src/decider';
import { DomainError } from '../src/shared/domain-error';

/**
 * given([...events]).when(command).then([...events]) for a decider.
 * `context` adds what the handler would load from other streams (known bodies, for instance).
 */
export function deciderSpec<Command, State extends object, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
  return {
    given(events: Event[], context: Partial<State> = {}) {
      const state = { ...fold(decider, events), ...context };
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            /** The command breaks the named rule (and so writes nothing). */
            thenThrows(rule: string, status?: number) {
              let error: unknown;
              try {
                run();
              } catch (thrown) {
                error = thrown;
              }
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).rule).toBe(rule);
              if (status !== undefined) expect((error as DomainError).status).toBe(status);
            },
          };
        },
      };
    },
  };
}
