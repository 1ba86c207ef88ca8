import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** True once React has hydrated in the browser; false on the server and in the first client render. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** Renders children only in the browser (for leaflet and other window-dependent code). */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? <>{children()}</> : <>{fallback}</>;
}
