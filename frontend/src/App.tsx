import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent } from 'react';
import { REFRESH_CHOICES, useRefresh } from './components/refresh';
import { useRoute } from './components/router';
import { useTheme } from './components/theme';
import { ApiError, API_BASE } from './lib/api';
import { useInfo } from './lib/queries';
import { normalizeSymbol, PAGES, PAGE_TITLES, PRESET_SYMBOLS, type Page } from './lib/urlState';
import { OverviewPage } from './pages/Overview';
import { Loading } from './components/states';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { ChainPage } from './pages/Chain';
import { SnapshotsPage } from './pages/Snapshots';
import { BacktestsPage } from './pages/Backtests';

// The chart pages (Exposure, OI & Volume, Trading) pull in ECharts (two thirds of the JavaScript):
// load them on first visit so the overview, chain and snapshots pages start faster.
const loadExposure = () => import('./pages/Exposure');
const loadOiVolume = () => import('./pages/OiVolume');
const loadTrading = () => import('./pages/Trading');
const ExposurePage = lazy(() => loadExposure().then((m) => ({ default: m.ExposurePage })));
const OiVolumePage = lazy(() => loadOiVolume().then((m) => ({ default: m.OiVolumePage })));
const TradingPage = lazy(() => loadTrading().then((m) => ({ default: m.TradingPage })));

/**
 * Fetch the chart pages' code soon after start-up, when the browser is idle: the service that
 * serves the API also serves these files, so a page opened later still works while the service
 * is restarting.
 */
function usePrefetchChartPages(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const run = () =>
      Promise.all([loadExposure(), loadOiVolume(), loadTrading()])
        .then(() => !cancelled && setDone(true))
        .catch(() => {
          /* offline: the page error boundary explains it if the user opens one */
        });
    const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
    const id = w.requestIdleCallback ? w.requestIdleCallback(run, { timeout: 1500 }) : window.setTimeout(run, 300);
    return () => {
      cancelled = true;
      if (!w.requestIdleCallback) window.clearTimeout(id);
    };
  }, []);
  return done;
}

function SymbolSelector() {
  const { state, navigate } = useRoute();
  const preset = (PRESET_SYMBOLS as readonly string[]).includes(state.symbol);
  const [custom, setCustom] = useState(!preset);
  const [text, setText] = useState(preset ? '' : state.symbol);
  const [bad, setBad] = useState(false);
  return (
    <div className="symbol">
      <label className="sr-only" htmlFor="symbol-select">
        Symbol
      </label>
      <select
        id="symbol-select"
        data-testid="symbol-select"
        value={custom ? '__custom' : state.symbol}
        onChange={(e) => {
          if (e.target.value === '__custom') {
            setCustom(true);
            return;
          }
          setCustom(false);
          navigate({ symbol: e.target.value, snapshot: null });
        }}
      >
        {PRESET_SYMBOLS.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
        <option value="__custom">Custom…</option>
      </select>
      {custom && (
        <form
          className="symbol-custom"
          onSubmit={(e) => {
            e.preventDefault();
            const s = normalizeSymbol(text);
            setBad(s === null);
            if (s) navigate({ symbol: s, snapshot: null });
          }}
        >
          <input
            data-testid="symbol-custom"
            aria-label="Custom symbol"
            placeholder="e.g. RUT"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={bad}
            size={7}
          />
          <button type="submit">Go</button>
        </form>
      )}
    </div>
  );
}

function RefreshControl() {
  const { interval, setInterval, secondsLeft, refreshNow } = useRefresh();
  return (
    <div className="refresh">
      <label className="sr-only" htmlFor="refresh-interval">
        Auto-refresh interval
      </label>
      <select
        id="refresh-interval"
        data-testid="refresh-interval"
        value={interval}
        onChange={(e) => setInterval(Number(e.target.value))}
      >
        {REFRESH_CHOICES.map((s) => (
          <option key={s} value={s}>
            every {s >= 60 ? `${s / 60} min` : `${s} s`}
          </option>
        ))}
        <option value={0}>paused</option>
      </select>
      <span className="countdown" data-testid="refresh-countdown" aria-live="off">
        {interval > 0 ? `${secondsLeft}s` : '—'}
      </span>
      <button type="button" data-testid="refresh-now" onClick={refreshNow} title="Refresh now">
        ↻<span className="sr-only"> Refresh now</span>
      </button>
    </div>
  );
}

/** API reachability from /api/info: polled every 5 s while unreachable; everything refetches on recovery. */
function useApiStatus() {
  const qc = useQueryClient();
  const [offline, setOffline] = useState(false);
  const info = useInfo(offline ? 5000 : 30_000);
  const isOffline =
    info.isError && info.error instanceof ApiError && (info.error.kind === 'network' || info.error.kind === 'unavailable');
  const wasOffline = useRef(false);
  useEffect(() => {
    setOffline(isOffline);
    if (wasOffline.current && !isOffline && info.isSuccess) {
      // The API is back: refetch everything that failed while it was away.
      void qc.refetchQueries({ type: 'active' });
    }
    wasOffline.current = isOffline;
  }, [isOffline, info.isSuccess, qc]);
  const status = info.isPending ? 'checking' : isOffline ? 'offline' : info.isError ? 'degraded' : 'online';
  return { status, isOffline };
}

function ApiStatusPill({ status }: { status: string }) {
  return (
    <span className={`api-status api-${status}`} data-testid="api-status" data-status={status} title={`API ${status}`}>
      <span className="dot" aria-hidden /> {status === 'online' ? 'live' : status}
    </span>
  );
}

function OfflineBanner() {
  return (
    <div className="offline-banner" role="alert" data-testid="api-offline-banner">
      The GammaDesk API {API_BASE ? `at ${API_BASE} ` : ''}is unreachable. Figures below may be out of date. Checking again
      every 5 s; start the service (make run) if it is stopped.
    </div>
  );
}

function Nav() {
  const { state, navigate, href } = useRoute();
  const go = (p: Page) => (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate({ page: p });
  };
  return (
    <nav className="nav" aria-label="Pages">
      {PAGES.map((p) => (
        <a
          key={p}
          href={href({ page: p })}
          onClick={go(p)}
          data-testid={`nav-${p}`}
          aria-current={state.page === p ? 'page' : undefined}
        >
          {PAGE_TITLES[p]}
        </a>
      ))}
    </nav>
  );
}

export function App() {
  const { state } = useRoute();
  const { theme, toggle } = useTheme();
  const info = useInfo(false);
  const api = useApiStatus();
  const prefetched = usePrefetchChartPages();
  useEffect(() => {
    document.title = `${state.symbol} · ${PAGE_TITLES[state.page]} · GammaDesk`;
  }, [state.symbol, state.page]);
  return (
    <div className="app" data-testid="app" data-page={state.page} data-prefetched={String(prefetched)}>
      <header className="topbar">
        <div className="brand">
          Gamma<span>Desk</span>
        </div>
        <Nav />
        <div className="tools">
          <SymbolSelector />
          <RefreshControl />
          <button
            type="button"
            className="theme-toggle"
            data-testid="theme-toggle"
            onClick={toggle}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <ApiStatusPill status={api.status} />
        </div>
      </header>
      {api.isOffline && <OfflineBanner />}
      <main className="main" data-testid={`page-${state.page}`}>
        <PageErrorBoundary resetKey={state.page}>
          {state.page === 'overview' && <OverviewPage />}
          <Suspense fallback={<Loading what={state.page === 'trading' ? 'the trading page' : 'charts'} />}>
            {state.page === 'exposure' && <ExposurePage />}
            {state.page === 'oi' && <OiVolumePage />}
            {state.page === 'trading' && <TradingPage />}
          </Suspense>
          {state.page === 'chain' && <ChainPage />}
          {state.page === 'snapshots' && <SnapshotsPage />}
          {state.page === 'backtests' && <BacktestsPage />}
        </PageErrorBoundary>
      </main>
      <footer className="footer">
        {info.data ? (
          <>
            {info.data.service} {info.data.version} ({info.data.git_sha.slice(0, 7)}) · source {info.data.provider} ·
            snapshots every {info.data.snapshot_interval_minutes} min · DTE targets{' '}
            {info.data.snapshot_dte_targets.join('/')}
          </>
        ) : (
          'GammaDesk'
        )}
      </footer>
    </div>
  );
}
