import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, apiUrl, classify } from '../../src/lib/api';
import { shouldRetry } from '../../src/lib/queries';

afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('builds URLs without empty parameters, keeping scope colons readable', () => {
    expect(apiUrl('/api/exposure', { underlying: 'SPX', scope: 'bucket:3', cursor: null, x: '' })).toBe(
      '/api/exposure?underlying=SPX&scope=bucket:3',
    );
    expect(apiUrl('/api/exposure/levels', { underlying: 'SPX,SPY' })).toBe('/api/exposure/levels?underlying=SPX,SPY');
  });
  it('tells a missing route from missing data', () => {
    expect(classify(404, 'not_found', 'no route for GET /api/exposure')).toBe('not_available');
    expect(classify(404, 'no_snapshot', 'no snapshot for SPX')).toBe('no_data');
    expect(classify(401, 'unauthorized', 'x')).toBe('unauthorized');
    expect(classify(503, 'database_unavailable', 'x')).toBe('unavailable');
    expect(classify(500, 'internal', 'x')).toBe('server');
  });
  it('turns error bodies and network failures into ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"error":{"code":"unauthorized","message":"bad key"}}', { status: 401 })),
    );
    await expect(apiRequest('/api/admin/run-snapshot', { method: 'POST' })).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      message: 'bad key',
    });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const e = (await apiRequest("/api/info").catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe('network');
  });
  it('retries only transient failures, once', () => {
    const net = new ApiError('network', 0, 'network', 'x', '/');
    const bad = new ApiError('bad_request', 400, 'bad', 'x', '/');
    expect(shouldRetry(0, net)).toBe(true);
    expect(shouldRetry(1, net)).toBe(false);
    expect(shouldRetry(0, bad)).toBe(false);
  });
});

describe('multi-symbol levels', () => {
  it('falls back to one request per symbol when the list is refused, keeping the ones with data', async () => {
    const { fetchLevels } = await import('../../src/lib/queries');
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const u = new URL(url, 'http://x').searchParams.get('underlying')!;
        calls.push(u);
        if (u === 'SPX') return new Response(JSON.stringify({ items: [{ underlying: 'SPX', spot: 1 }] }), { status: 200 });
        return new Response(JSON.stringify({ error: { code: 'no_snapshot', message: `no snapshot for ${u}` } }), { status: 404 });
      }),
    );
    const r = await fetchLevels(['SPX', 'SPY']);
    expect(calls).toEqual(['SPX,SPY', 'SPX', 'SPY']);
    expect(r.items.map((i) => i.underlying)).toEqual(['SPX']);
  });
  it('does not hide a missing route', async () => {
    const { fetchLevels } = await import('../../src/lib/queries');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"error":{"code":"not_found","message":"no route for GET /api/exposure/levels"}}', { status: 404 })),
    );
    await expect(fetchLevels(['SPX', 'SPY'])).rejects.toMatchObject({ kind: 'not_available' });
  });
});
