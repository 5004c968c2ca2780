/** The code of the DomainError `fn` throws (tests of the pure domain); anything else fails the test. */
import { DomainError } from "../../src/domain/index.js";

export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  throw new Error("expected a DomainError");
}
