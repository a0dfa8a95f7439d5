import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

// One auto-refresh clock for the whole dashboard: every page's active queries refetch together
// when the countdown reaches zero, so all panels always show the same snapshot.
export const REFRESH_CHOICES = [30, 60, 120, 300] as const;
const KEY = 'gd.refresh';

function initialInterval(): number {
  try {
    const raw = localStorage.getItem(KEY);
    const v = Number(raw);
    if (raw !== null && raw !== '' && (v === 0 || (v >= 30 && v <= 300))) return v;
  } catch {
    /* ignore */
  }
  return 60;
}

interface RefreshCtx {
  /** Seconds between refreshes; 0 = paused. */
  interval: number;
  setInterval: (s: number) => void;
  secondsLeft: number;
  refreshNow: () => void;
  lastRefresh: number;
}

const Ctx = createContext<RefreshCtx | null>(null);

export function RefreshProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [interval, setIntervalState] = useState(initialInterval);
  const [now, setNow] = useState(() => Date.now());
  const nextAt = useRef(Date.now() + interval * 1000);
  const [lastRefresh, setLastRefresh] = useState(() => Date.now());

  const refreshNow = useCallback(() => {
    nextAt.current = Date.now() + interval * 1000;
    setLastRefresh(Date.now());
    void qc.refetchQueries({ type: 'active' });
  }, [qc, interval]);

  useEffect(() => {
    const id = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (interval > 0 && t >= nextAt.current) refreshNow();
    }, 1000);
    return () => window.clearInterval(id);
  }, [interval, refreshNow]);

  const setInterval = useCallback((s: number) => {
    setIntervalState(s);
    nextAt.current = Date.now() + s * 1000;
    try {
      localStorage.setItem(KEY, String(s));
    } catch {
      /* ignore */
    }
  }, []);

  const secondsLeft = interval > 0 ? Math.max(0, Math.ceil((nextAt.current - now) / 1000)) : 0;
  return (
    <Ctx.Provider value={{ interval, setInterval, secondsLeft, refreshNow, lastRefresh }}>{children}</Ctx.Provider>
  );
}

export function useRefresh() {
  const c = useContext(Ctx);
  if (!c) throw new Error('useRefresh outside RefreshProvider');
  return c;
}
