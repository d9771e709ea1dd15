/**
 * A small stand-in for `@raycast/utils`: the hooks behave like the real ones for what our commands use
 * (run the promise on mount and when arguments change, expose data/isLoading/error/revalidate/mutate,
 * ignore results of superseded runs). `useCachedPromise` and `useCachedState` keep their values in a
 * cache that outlives the command, as Raycast's does: a relaunch (a new render) starts from the last
 * data, then revalidates. `resetRaycast` empties it (a fresh install).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { onResetRaycast, showToast, Toast } from "./raycast-api";

const cache = new Map<string, unknown>();
onResetRaycast(() => cache.clear());

type AnyFunction = (...args: never[]) => Promise<unknown>;

interface PromiseOptions<T> {
  execute?: boolean;
  initialData?: T;
  keepPreviousData?: boolean;
  onError?: (error: Error) => void;
  onData?: (data: T) => void;
  abortable?: React.RefObject<AbortController | null | undefined>;
  failureToastOptions?: { title?: string };
}

export function usePromise<F extends AnyFunction>(
  fn: F,
  args: Parameters<F> = [] as unknown as Parameters<F>,
  options: PromiseOptions<Awaited<ReturnType<F>>> = {},
  cacheKey?: string,
) {
  type T = Awaited<ReturnType<F>>;
  const [state, setStateNow] = useState<{ data?: T; error?: Error; isLoading: boolean }>(() => ({
    data: cacheKey !== undefined && cache.has(cacheKey) ? (cache.get(cacheKey) as T) : options.initialData,
    isLoading: options.execute !== false,
  }));
  const setState = useCallback(
    (update: typeof state | ((previous: typeof state) => typeof state)) =>
      setStateNow((previous) => {
        const next = typeof update === "function" ? update(previous) : update;
        if (cacheKey !== undefined && next.data !== undefined) cache.set(cacheKey, next.data);
        return next;
      }),
    [cacheKey],
  );
  const run = useRef(0);
  const latest = useRef({ fn, args, options, data: state.data });
  latest.current = { fn, args, options, data: state.data };

  // As in @raycast/utils: a new run, `execute: false` and unmounting all abort the run in flight.
  const abort = useCallback(() => {
    const abortable = latest.current.options.abortable as { current: AbortController | null } | undefined;
    if (abortable) {
      abortable.current?.abort();
      abortable.current = new AbortController();
    }
    return ++run.current;
  }, []);

  const revalidate = useCallback(async () => {
    const id = abort();
    const { fn: current, args: currentArgs, options: currentOptions } = latest.current;
    setState((previous) => ({ ...previous, isLoading: true }));
    try {
      const data = (await current(...currentArgs)) as T;
      if (id !== run.current) return data;
      setState({ data, isLoading: false });
      currentOptions.onData?.(data);
      return data;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error.name === "AbortError" || id !== run.current) return undefined;
      setState((previous) => ({ data: previous.data, error, isLoading: false }));
      if (currentOptions.onError) currentOptions.onError(error);
      else await showFailureToast(error, currentOptions.failureToastOptions);
      return undefined;
    }
  }, [abort, setState]);

  const mutate = useCallback(
    async <R>(
      asyncUpdate?: Promise<R>,
      mutateOptions: { optimisticUpdate?: (data: T | undefined) => T; rollbackOnError?: boolean } = {},
    ) => {
      const before = latest.current.data;
      if (mutateOptions.optimisticUpdate) {
        abort();
        setState((previous) => ({ ...previous, data: mutateOptions.optimisticUpdate!(previous.data) }));
      }
      try {
        return asyncUpdate ? await asyncUpdate : undefined;
      } catch (error) {
        if (mutateOptions.optimisticUpdate && mutateOptions.rollbackOnError !== false) {
          setState((previous) => ({ ...previous, data: before }));
        }
        throw error;
      } finally {
        void revalidate();
      }
    },
    [abort, revalidate, setState],
  );

  const key = JSON.stringify(args);
  useEffect(() => {
    if (options.execute === false) abort();
    else void revalidate();
  }, [key, options.execute, abort, revalidate]);

  useEffect(() => () => void abort(), [abort]);

  return { ...state, isLoading: options.execute === false ? false : state.isLoading, revalidate, mutate };
}

/** Like `usePromise`, keyed as Raycast keys it: by the function and its arguments. */
export function useCachedPromise<F extends AnyFunction>(
  fn: F,
  args: Parameters<F> = [] as unknown as Parameters<F>,
  options: PromiseOptions<Awaited<ReturnType<F>>> = {},
) {
  return usePromise(fn, args, options, `promise:${fn.toString()}:${JSON.stringify(args)}`);
}

export async function showFailureToast(error: unknown, options: { title?: string; primaryAction?: unknown } = {}) {
  const message = error instanceof Error ? error.message : String(error);
  return showToast({
    style: Toast.Style.Failure,
    title: options.title ?? "Something went wrong",
    message,
    primaryAction: options.primaryAction as never,
  });
}

export function useCachedState<T>(key: string, initial: T) {
  const cacheKey = `state:${key}`;
  const [value, setValueNow] = useState<T>(() => (cache.has(cacheKey) ? (cache.get(cacheKey) as T) : initial));
  const setValue = useCallback(
    (update: T | ((previous: T) => T)) =>
      setValueNow((previous) => {
        const next = typeof update === "function" ? (update as (previous: T) => T)(previous) : update;
        cache.set(cacheKey, next);
        return next;
      }),
    [cacheKey],
  );
  return [value, setValue] as const;
}

/**
 * `useForm` as the real one behaves for what our forms use: `itemProps` make each field controlled (id,
 * value, onChange, error), and `handleSubmit` runs every validation first, showing errors on the fields and
 * calling `onSubmit` only when none fails.
 */
export function useForm<T extends Record<string, unknown>>(options: {
  onSubmit: (values: T) => void | boolean | Promise<void | boolean>;
  initialValues?: Partial<T>;
  validation?: { [K in keyof T]?: (value: T[K] | undefined) => string | undefined | null };
}) {
  const [values, setValues] = useState<Partial<T>>(options.initialValues ?? {});
  const [errors, setErrors] = useState<Partial<Record<keyof T, string>>>({});
  const handleSubmit = async (submitted: T) => {
    const found: Partial<Record<keyof T, string>> = {};
    for (const [key, validate] of Object.entries(options.validation ?? {})) {
      const error = (validate as (value: unknown) => string | undefined | null)(submitted[key]);
      if (error) found[key as keyof T] = error;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    return options.onSubmit(submitted);
  };
  const itemProps = new Proxy({} as Record<keyof T, Record<string, unknown>>, {
    get: (_target, id: string) => ({
      id,
      value: values[id as keyof T] ?? "",
      error: errors[id as keyof T],
      onChange: (value: unknown) => setValues((previous) => ({ ...previous, [id]: value })),
    }),
  });
  return {
    handleSubmit,
    itemProps,
    values,
    setValue: (id: keyof T, value: T[keyof T]) => setValues((p) => ({ ...p, [id]: value })),
  };
}
