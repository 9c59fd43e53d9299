import { QueryClient } from '@tanstack/react-query';
import { retriesTransient } from './transient-failures';

/** The application's one cache: the screens read it, the router's loaders fill it ahead of them. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: retriesTransient } },
});
