import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RefreshProvider } from './components/refresh';
import { RouterProvider } from './components/router';
import { ThemeProvider } from './components/theme';
import { shouldRetry } from './lib/queries';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      retryDelay: 1000,
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // The refresh clock (components/refresh.tsx) drives refetching for every page at once.
      refetchInterval: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ThemeProvider>
        <RouterProvider>
          <RefreshProvider>
            <App />
          </RefreshProvider>
        </RouterProvider>
      </ThemeProvider>
    </QueryClientProvider>
  </StrictMode>,
);
