import { useLocation, useNavigate, useNavigationType } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * A choice kept in the page address (so it can be shared and survives a
 * reload) that the page shows at once, before the address has caught up:
 * a radio button or checkbox must not flick back while it does.
 */
export function useSearchState<T>(read: (params: URLSearchParams) => T, write: (value: T) => string): [T, (value: T) => void] {
  const { search } = useLocation();
  const type = useNavigationType();
  const navigate = useNavigate();
  const key = JSON.stringify(read(new URLSearchParams(search)));
  const [value, setValue] = useState<T>(() => JSON.parse(key) as T);
  // Back and forward buttons and links change the address without going through
  // `set`. The addresses `set` writes (replacing) are not followed: one can
  // arrive after a later choice, and would bring the earlier choice back.
  useEffect(() => {
    if (type !== "REPLACE") setValue(JSON.parse(key) as T);
  }, [key, type]);
  const set = (next: T) => {
    setValue(next);
    navigate({ search: write(next) }, { replace: true, preventScrollReset: true });
  };
  return [value, set];
}
