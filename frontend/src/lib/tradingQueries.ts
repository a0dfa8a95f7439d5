// TanStack Query hooks for paper trading. Every key starts with 'trading' so one invalidation
// after an admin action refreshes the whole page.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api';
import type { DailyPnl, Decision, Order, OrderDetail, Positions, StrategyConfig, Trade, TradingStatus } from './trading';

export const TRADING_KEY = ['trading'] as const;

export const useTradingStatus = () =>
  useQuery({
    queryKey: ['trading', 'status'],
    queryFn: ({ signal }) => apiGet<TradingStatus>('/api/trading/status', undefined, signal),
  });

export const useDecisions = () =>
  useQuery({
    queryKey: ['trading', 'decisions'],
    queryFn: ({ signal }) => apiGet<{ items: Decision[]; next_cursor: string | null }>('/api/decisions', { limit: 100 }, signal),
  });

export const useOrders = () =>
  useQuery({
    queryKey: ['trading', 'orders'],
    queryFn: ({ signal }) => apiGet<{ items: Order[]; next_cursor: string | null }>('/api/orders', { limit: 100 }, signal),
  });

export const useOrderDetail = (tag: string) =>
  useQuery({
    queryKey: ['trading', 'order', tag],
    queryFn: ({ signal }) => apiGet<OrderDetail>(`/api/orders/${encodeURIComponent(tag)}`, undefined, signal),
  });

export const useTrades = () =>
  useQuery({
    queryKey: ['trading', 'trades'],
    queryFn: ({ signal }) => apiGet<{ items: Trade[] }>('/api/trades', { limit: 100 }, signal),
  });

export const usePositions = () =>
  useQuery({
    queryKey: ['trading', 'positions'],
    queryFn: ({ signal }) => apiGet<Positions>('/api/positions', undefined, signal),
  });

export const useDailyPnl = () =>
  useQuery({
    queryKey: ['trading', 'pnl'],
    queryFn: ({ signal }) => apiGet<DailyPnl>('/api/pnl/daily', undefined, signal),
  });

export const useStrategyConfig = () =>
  useQuery({
    queryKey: ['trading', 'config'],
    queryFn: ({ signal }) => apiGet<StrategyConfig>('/api/strategy/config', undefined, signal),
    staleTime: 5 * 60_000,
  });
