/** The error `fn` throws (fails the test when it throws none): for asserting an error's type and message. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
