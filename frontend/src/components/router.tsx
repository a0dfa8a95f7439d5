import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { buildUrl, parseUrl, type UrlState } from '../lib/urlState';

// A small history router: the whole view state lives in the URL (see lib/urlState.ts); the
// service's SPA fallback serves index.html for every page path.
const BASE = import.meta.env.BASE_URL;

function read(): UrlState {
  return parseUrl(window.location.pathname, window.location.search, BASE);
}

type Navigate = (patch: Partial<UrlState>, opts?: { replace?: boolean }) => void;
const Ctx = createContext<{ state: UrlState; navigate: Navigate; href: (patch: Partial<UrlState>) => string } | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<UrlState>(read);

  useEffect(() => {
    // Normalise the URL once (e.g. "/" -> "/overview?symbol=SPX") without adding history.
    const canonical = buildUrl(state, BASE);
    if (canonical !== window.location.pathname + window.location.search) {
      window.history.replaceState(null, '', canonical);
    }
    const onPop = () => setState(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const href = useCallback((patch: Partial<UrlState>) => buildUrl({ ...state, ...patch }, BASE), [state]);

  const navigate = useCallback<Navigate>(
    (patch, opts) => {
      const next = { ...state, ...patch };
      const url = buildUrl(next, BASE);
      if (opts?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setState(next);
      if (patch.page && patch.page !== state.page) window.scrollTo(0, 0);
    },
    [state],
  );

  return <Ctx.Provider value={{ state, navigate, href }}>{children}</Ctx.Provider>;
}

export function useRoute() {
  const c = useContext(Ctx);
  if (!c) throw new Error('useRoute outside RouterProvider');
  return c;
}
