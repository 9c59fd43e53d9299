import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { answer, assetsApi } from '../../api/clients';
import { useInventoryRules, type InventoryRules, type InventoryRulesView } from '../../api/service-levels';
import type { Page } from '../../api/views';
import { DataTable } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { InventoryRulesForm } from './inventory-rules-form';
import { RuleOrderButtons } from './rule-order-buttons';

interface InventoryAgent {
  deviceId: string;
  agentVersion: string | null;
  tag: string | null;
  format: string;
  lastContactAt: string;
}

/** What the form edits and PUT replaces: the rules without their version. */
const withoutVersion = ({ importRules, entityRules, defaultEntityId }: InventoryRulesView): InventoryRules => ({
  importRules,
  entityRules,
  defaultEntityId,
});

/**
 * Agent inventory: the rules that link and place what agents report, in their matching order
 * ("Monter"/"Descendre" on each, the focus following the rule moved), edited whole below them;
 * the agents.
 */
export function InventoryAdmin() {
  const { t, dateTime } = useI18n();
  const rules = useInventoryRules();
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId, rules.data]);
  const order = <Rule extends { name: string }>(list: 'importRules' | 'entityRules') => ({
    header: t('inventory.order'),
    cell: (rule: Rule) =>
      rules.data && (
        <RuleOrderButtons
          list={list}
          rules={rules.data}
          index={(rules.data[list] as unknown[]).indexOf(rule)}
          name={rule.name}
          onMoved={setFocusId}
        />
      ),
  });
  const agents = useQuery({
    queryKey: ['admin', 'agents'],
    queryFn: async () =>
      (await answer<Page<InventoryAgent>>(assetsApi.GET('/api/agents', { params: { query: { limit: 100 } } }))).items,
  });
  return (
    <>
      <DataTable
        caption={t('inventory.importRules')}
        rows={rules.data?.importRules}
        rowKey={(rule) => rule.name}
        columns={[
          { header: t('admin.name'), cell: (rule) => rule.name },
          { header: t('inventory.criteria'), cell: (rule) => rule.criteria.join(', ') },
          order<InventoryRules['importRules'][number]>('importRules'),
        ]}
      />
      <DataTable
        caption={t('inventory.entityRules', { entity: rules.data?.defaultEntityId ?? '' })}
        rows={rules.data?.entityRules}
        rowKey={(rule) => rule.name}
        columns={[
          { header: t('admin.name'), cell: (rule) => rule.name },
          { header: t('inventory.tag'), cell: (rule) => rule.tag ?? '' },
          { header: t('inventory.ipRange'), cell: (rule) => rule.ipRange ?? '' },
          { header: t('entity'), cell: (rule) => rule.entityId },
          order<InventoryRules['entityRules'][number]>('entityRules'),
        ]}
      />
      {rules.data && <InventoryRulesForm key={JSON.stringify(rules.data)} rules={withoutVersion(rules.data)} />}
      <DataTable
        caption={t('inventory.agents')}
        rows={agents.data}
        rowKey={(agent) => agent.deviceId}
        columns={[
          { header: t('inventory.device'), cell: (agent) => agent.deviceId },
          { header: t('inventory.version'), cell: (agent) => agent.agentVersion ?? '' },
          { header: t('inventory.tag'), cell: (agent) => agent.tag ?? '' },
          { header: t('inventory.lastContact'), cell: (agent) => dateTime(agent.lastContactAt) },
        ]}
      />
    </>
  );
}
