import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches a page that failed to render or whose code could not be loaded (a lazy chunk fetched
 * while the service was down), instead of blanking the whole dashboard.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    const e = this.state.error;
    if (!e) return this.props.children;
    const chunk = /dynamically imported module|Importing a module script failed|Loading chunk/i.test(e.message);
    return (
      <div className="state state-error" role="alert" data-testid="page-error">
        <strong>{chunk ? 'This page could not be loaded' : 'This page failed to render'}</strong>
        <p>
          {chunk
            ? 'Its code could not be fetched from the server (is the service running?). Reload once it is back.'
            : `${e.message}. Reload the page; if it happens again, report it with the URL.`}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
