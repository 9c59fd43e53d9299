import { useQuery } from '@tanstack/react-query';
import { answer, ticketsApi } from './clients';

/** One of the caller's devices (GLPI's "Mes matériels"), as a ticket's item. */
export interface MyDevice {
  itemType: string;
  itemId: string;
  name: string;
}

/** The assets whose user the caller is, which a self-service ticket may name. */
export function useMyDevices(enabled: boolean) {
  return useQuery({
    queryKey: ['my-devices'],
    queryFn: async () => (await answer<{ items: MyDevice[] }>(ticketsApi.GET('/api/my-devices'))).items,
    staleTime: 60_000,
    enabled,
  });
}
