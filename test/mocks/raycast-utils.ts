/**
 * A small stand-in for `@raycast/utils`: the hooks behave like the real ones for what our commands use
 * (run the promise on mount and when arguments change, expose data/isLoading/error/revalidate/mutate,
 * ignore results of superseded runs), without Raycast's cache.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { showToast, Toast } from "./raycast-api";

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
) {
  type T = Awaited<ReturnType<F>>;
  const [state, setState] = useState<{ data?: T; error?: Error; isLoading: boolean }>({
    data: options.initialData,
    isLoading: options.execute !== false,
  });
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
  }, [abort]);

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
    [abort, revalidate],
  );

  const key = JSON.stringify(args);
  useEffect(() => {
    if (options.execute === false) abort();
    else void revalidate();
  }, [key, options.execute, abort, revalidate]);

  useEffect(() => () => void abort(), [abort]);

  return { ...state, isLoading: options.execute === false ? false : state.isLoading, revalidate, mutate };
}

export const useCachedPromise = usePromise;

export async function showFailureToast(error: unknown, options: { title?: string; primaryAction?: unknown } = {}) {
  const message = error instanceof Error ? error.message : String(error);
  return showToast({
    style: Toast.Style.Failure,
    title: options.title ?? "Something went wrong",
    message,
    primaryAction: options.primaryAction as never,
  });
}

export function useCachedState<T>(_key: string, initial: T) {
  return useState<T>(initial);
}
