const concerns = new WeakMap<object, object>();

/**
 * A concern's door (`src/core/store`, `src/core/helper`, …) with the named functions replaced by jest
 * mocks and everything else real: UI tests mock the core at its folder boundary, one call per concern,
 * and keep its pure parts (formatting, constants) as users see them. A proxy, not a copy: a factory that runs
 * again (jest may load a door more than once) hands out the same mocks.
 */
export function withMockedFunctions<T extends object>(actual: T, names: readonly (keyof T & string)[]): T {
  const known = concerns.get(actual);
  if (known) return known as T;
  const mocks = new Map<string | symbol, jest.Mock>(names.map((name) => [name, jest.fn()]));
  const concern = new Proxy(actual, {
    get: (target, key) => mocks.get(key) ?? Reflect.get(target, key),
  });
  concerns.set(actual, concern);
  return concern;
}
