import type { Component } from '@itsm/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  ASSET_PAGE_SIZE,
  useComponents,
  useComputerSoftware,
  useNetworkPorts,
  useVolumes,
} from '../../api/parc-queries';
import { DataTable, Facts, Pager } from '../../components/list-parts';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useParcFormat } from './parc-format';

// A computer's tabs of what its agent reported (GLPI's Système d'exploitation, Composants, Volumes,
// Ports réseau, Logiciels). Everything an agent sent is shown as text.

/** When the agent last reported, or that none has. */
function InventoryNote({ at }: { at: string | null | undefined }) {
  const { t, dateTime } = useI18n();
  return <p className="meta">{at ? `${t('lastInventoryAt')} : ${dateTime(at)}` : t('notInventoried')}</p>;
}

export function OperatingSystemTab({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const composition = useComponents(assetId);
  const os = composition.data?.operatingSystem;
  return (
    <>
      <ProblemMessage error={composition.error} />
      <InventoryNote at={composition.data?.lastInventoryAt} />
      {os ? (
        <Facts
          facts={[
            [t('name'), os.name],
            [t('version'), os.version],
            [t('edition'), os.edition],
            [t('architecture'), os.architecture],
            [t('kernel'), os.kernel],
            [t('installDate'), day(os.installDate)],
          ]}
        />
      ) : (
        <p className="empty">{t('noneYet')}</p>
      )}
    </>
  );
}

/** A component's characteristics, as one line of text. */
function characteristics(
  component: Component,
  integer: (value: number | undefined) => string | null,
  cores: (count: number) => string,
): string {
  const parts: Array<string | null | undefined> = [
    component.model,
    component.type,
    component.version,
    component.cores ? cores(component.cores) : null,
    component.speedMhz ? `${integer(component.speedMhz)} MHz` : null,
    component.capacityMb ? `${integer(component.capacityMb)} MB` : null,
    component.sizeMb ? `${integer(component.sizeMb)} MB` : null,
    component.mac,
    component.slot,
    component.serial,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function ComponentsTab({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const { integer } = useParcFormat();
  const composition = useComponents(assetId);
  const items = composition.data?.items ?? [];
  return (
    <>
      <ProblemMessage error={composition.error} />
      <InventoryNote at={composition.data?.lastInventoryAt} />
      <DataTable
        caption={t('tab.components')}
        headers={[t('kind'), t('name'), t('manufacturer'), t('details')]}
        rows={items.map((component) => [
          component.kind,
          component.name,
          component.manufacturer ?? '',
          characteristics(component, integer, (count) => t('cores', { count })),
        ])}
      />
    </>
  );
}

export function VolumesTab({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const { integer } = useParcFormat();
  const volumes = useVolumes(assetId);
  return (
    <>
      <ProblemMessage error={volumes.error} />
      <InventoryNote at={volumes.data?.lastInventoryAt} />
      <DataTable
        caption={t('tab.volumes')}
        headers={[t('mountPoint'), t('device'), t('fileSystem'), t('totalMb'), t('freeMb')]}
        rows={(volumes.data?.items ?? []).map((volume) => [
          volume.mountPoint,
          volume.device ?? '',
          volume.fileSystem ?? '',
          integer(volume.totalMb),
          integer(volume.freeMb),
        ])}
      />
    </>
  );
}

export function NetworkPortsTab({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const ports = useNetworkPorts(assetId);
  return (
    <>
      <ProblemMessage error={ports.error} />
      <InventoryNote at={ports.data?.lastInventoryAt} />
      <DataTable
        caption={t('tab.ports')}
        headers={[t('name'), t('type'), t('mac'), t('addresses')]}
        rows={(ports.data?.items ?? []).map((port) => [
          port.name,
          port.type ?? '',
          port.mac ?? '',
          port.addresses.join(', '),
        ])}
      />
    </>
  );
}

export function SoftwareTab({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const [page, setPage] = useState(1);
  const installations = useComputerSoftware(assetId, page);
  return (
    <>
      <ProblemMessage error={installations.error} />
      <DataTable
        caption={t('tab.software')}
        headers={[t('name'), t('version'), t('publisher'), t('architecture'), t('installedAt'), t('source')]}
        keys={(installations.data?.items ?? []).map((item) => item.versionId)}
        rows={(installations.data?.items ?? []).map((item) => [
          <Link key="software" to="/parc/software/$softwareId" params={{ softwareId: item.softwareId }}>
            {item.softwareName}
          </Link>,
          item.versionName,
          item.publisher ?? '',
          item.arch ?? '',
          day(item.installedAt),
          t(`source.${item.source}` as MessageKey),
        ])}
      />
      <Pager
        label={t('tab.software')}
        page={page}
        pageSize={ASSET_PAGE_SIZE}
        total={installations.data?.total ?? 0}
        onPage={setPage}
      />
    </>
  );
}
