import { useQuery } from '@tanstack/react-query';
import type { CalendarView } from './admin-views';
import { answer, assetsApi, slaApi } from './clients';
import type { components as AssetsSchemas } from './generated/assets';
import type { components as SlaSchemas } from './generated/sla';
import type { Page } from './views';

// The administration's writes of service levels (sla: calendars, agreements, rules) and of the
// inventory rules (assets), through the typed clients.

export type CalendarDefinition = SlaSchemas['schemas']['CalendarDefinitionDto'];
export type AgreementDefinition = SlaSchemas['schemas']['DefineAgreementRequestDto'];
export type EscalationAction = SlaSchemas['schemas']['EscalationActionDto'];
export type RuleDefinition = SlaSchemas['schemas']['DefineRuleRequestDto'];
export type InventoryRules = AssetsSchemas['schemas']['SetInventoryRulesRequestDto'];
export type InventoryRulesOrder = AssetsSchemas['schemas']['ReorderInventoryRulesRequestDto'];
/** The rules as assets answers them: with their version, which a reordering sends back. */
export type InventoryRulesView = InventoryRules & { version: number };

export interface RuleView extends RuleDefinition {
  ruleId: string;
  rank: number;
}

export const serviceLevelKeys = {
  rules: ['admin', 'sla-rules'],
  inventoryRules: ['admin', 'inventory-rules'],
} as const;

export const useRules = () =>
  useQuery({
    queryKey: serviceLevelKeys.rules,
    queryFn: async () =>
      (await answer<Page<RuleView>>(slaApi.GET('/api/sla-rules', { params: { query: { limit: 100 } } }))).items,
  });

export const useInventoryRules = () =>
  useQuery({
    queryKey: serviceLevelKeys.inventoryRules,
    queryFn: () => answer<InventoryRulesView>(assetsApi.GET('/api/inventory-rules')),
  });

const byId = (id: string) => ({ params: { path: { id } } });

export const serviceLevelCommands = {
  createCalendar: (body: CalendarDefinition) => answer<CalendarView>(slaApi.POST('/api/calendars', { body })),
  replaceCalendar: ({ calendarId, ...body }: CalendarDefinition & { calendarId: string }) =>
    answer<CalendarView>(slaApi.PUT('/api/calendars/{id}', { ...byId(calendarId), body })),
  createAgreement: (body: AgreementDefinition) => answer(slaApi.POST('/api/slas', { body })),
  replaceAgreement: ({ slaId, ...body }: AgreementDefinition & { slaId: string }) =>
    answer(slaApi.PUT('/api/slas/{id}', { ...byId(slaId), body })),
  deleteAgreement: (slaId: string) => answer(slaApi.DELETE('/api/slas/{id}', byId(slaId))),
  createRule: (body: RuleDefinition) => answer(slaApi.POST('/api/sla-rules', { body })),
  replaceRule: ({ ruleId, ...body }: RuleDefinition & { ruleId: string }) =>
    answer(slaApi.PUT('/api/sla-rules/{id}', { ...byId(ruleId), body })),
  deleteRule: (ruleId: string) => answer(slaApi.DELETE('/api/sla-rules/{id}', byId(ruleId))),
  setInventoryRules: (body: InventoryRules) => answer(assetsApi.PUT('/api/inventory-rules', { body })),
  reorderInventoryRules: (body: InventoryRulesOrder) => answer(assetsApi.PUT('/api/inventory-rules/order', { body })),
};
