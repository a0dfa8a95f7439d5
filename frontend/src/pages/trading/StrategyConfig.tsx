import { QueryBoundary } from '../../components/states';
import { flattenConfig, slotRuleLabel, type StrategyConfig } from '../../lib/trading';
import { useStrategyConfig } from '../../lib/tradingQueries';

function Body({ c }: { c: StrategyConfig }) {
  const rest = flattenConfig({ ...c.strategy, slots: undefined, management: c.management, fill_model: c.fill_model, orders: c.orders }).filter(
    ([k]) => k !== 'slots',
  );
  return (
    <details className="config" data-testid="strategy-config">
      <summary>
        {c.trading_enabled ? 'Rules in force' : 'Trading is disabled: no rules loaded'} · broker {c.broker}
        {c.config_hash && (
          <>
            {' · hash '}
            <span className="mono" data-testid="config-hash" title={c.config_hash}>
              {c.config_hash.slice(0, 12)}
            </span>
          </>
        )}
      </summary>
      {c.strategy?.slots && (
        <div className="table-wrap">
          <table className="table" data-testid="config-slots">
            <thead>
              <tr>
                <th>Slot (ET)</th>
                <th className="num">Window</th>
                <th>Candidates, in order</th>
              </tr>
            </thead>
            <tbody>
              {c.strategy.slots.map((s) => (
                <tr key={s.time}>
                  <td>{s.time}</td>
                  <td className="num">{s.window_minutes} min</td>
                  <td>{slotRuleLabel(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-wrap">
        <table className="table config-table" data-testid="config-table">
          <tbody>
            {rest.map(([k, v]) => (
              <tr key={k}>
                <td className="mono">{k}</td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function StrategyConfigSection() {
  const q = useStrategyConfig();
  return (
    <section className="panel">
      <h2>Strategy configuration</h2>
      <QueryBoundary q={q} testId="section-config" what="the strategy configuration">
        {(c) => <Body c={c} />}
      </QueryBoundary>
    </section>
  );
}
