import { useQuery } from '@tanstack/react-query';
import { answer, assetsApi } from '../../api/clients';
import type { Page } from '../../api/views';
import { useI18n } from '../../i18n/i18n';

interface InventoryRules {
  importRules: Array<{ name: string; criteria: string[] }>;
  entityRules: Array<{ name: string; tag?: string; ipRange?: string; entityId: string }>;
  defaultEntityId: string;
}

interface InventoryAgent {
  deviceId: string;
  agentVersion: string | null;
  tag: string | null;
  format: string;
  lastContactAt: string;
}

/** Agent inventory: the rules that link and place what agents report (read-only here), and the agents. */
export function InventoryAdmin() {
  const { t, dateTime } = useI18n();
  const rules = useQuery({
    queryKey: ['admin', 'inventory-rules'],
    queryFn: () => answer<InventoryRules>(assetsApi.GET('/api/inventory-rules')),
  });
  const agents = useQuery({
    queryKey: ['admin', 'agents'],
    queryFn: async () =>
      (await answer<Page<InventoryAgent>>(assetsApi.GET('/api/agents', { params: { query: { limit: 100 } } }))).items,
  });
  return (
    <>
      <table className="list">
        <caption>{t('inventory.importRules')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('inventory.criteria')}</th>
          </tr>
        </thead>
        <tbody>
          {(rules.data?.importRules ?? []).map((rule) => (
            <tr key={rule.name}>
              <td>{rule.name}</td>
              <td>{rule.criteria.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="list">
        <caption>{t('inventory.entityRules', { entity: rules.data?.defaultEntityId ?? '' })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('inventory.tag')}</th>
            <th scope="col">{t('inventory.ipRange')}</th>
            <th scope="col">{t('entity')}</th>
          </tr>
        </thead>
        <tbody>
          {(rules.data?.entityRules ?? []).map((rule) => (
            <tr key={rule.name}>
              <td>{rule.name}</td>
              <td>{rule.tag ?? ''}</td>
              <td>{rule.ipRange ?? ''}</td>
              <td>{rule.entityId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="list">
        <caption>{t('inventory.agents')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inventory.device')}</th>
            <th scope="col">{t('inventory.version')}</th>
            <th scope="col">{t('inventory.tag')}</th>
            <th scope="col">{t('inventory.lastContact')}</th>
          </tr>
        </thead>
        <tbody>
          {(agents.data ?? []).map((agent) => (
            <tr key={agent.deviceId}>
              <td>{agent.deviceId}</td>
              <td>{agent.agentVersion ?? ''}</td>
              <td>{agent.tag ?? ''}</td>
              <td>{dateTime(agent.lastContactAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
