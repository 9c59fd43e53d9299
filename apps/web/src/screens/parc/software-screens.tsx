import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiProblem } from '../../api/api-problem';
import { ASSET_PAGE_SIZE, useInstallations, useSoftware, useSoftwarePage } from '../../api/parc-queries';
import type { SoftwareCompliance } from '../../api/parc-views';
import { DataTable, Facts, Pager } from '../../components/list-parts';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { useParcFormat } from './parc-format';
import { NameCriteria } from './name-criteria';
import { ParcAccess, ParcNav } from './parc-nav';

/** GLPI's "Logiciels": the catalogue, searched by name, paged. */
function SoftwareList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearch({ from: '/parc/software' });
  const page = useSoftwarePage(search.name, search.page ?? 1);
  return (
    <>
      <ParcNav />
      <h1>{t('software')}</h1>
      <NameCriteria name={search.name} onSearch={(name) => void navigate({ to: '/parc/software', search: { name } })} />
      <ProblemMessage error={page.error} />
      <DataTable
        caption={t('software')}
        headers={[t('name'), t('publisher'), t('versions')]}
        keys={(page.data?.items ?? []).map((software) => software.softwareId)}
        rows={(page.data?.items ?? []).map((software) => [
          <Link key="name" to="/parc/software/$softwareId" params={{ softwareId: software.softwareId }}>
            {software.name}
          </Link>,
          software.publisher ?? '',
          software.versions.length,
        ])}
      />
      <Pager
        label={t('software')}
        page={search.page ?? 1}
        pageSize={ASSET_PAGE_SIZE}
        total={page.data?.total ?? 0}
        onPage={(next) => void navigate({ to: '/parc/software', search: { ...search, page: next } })}
      />
    </>
  );
}

function ComplianceCard({ compliance }: { compliance: SoftwareCompliance }) {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const seats = (count: number) => (count === -1 ? t('unlimited') : count);
  return (
    <section className="card" aria-labelledby="compliance-title">
      <h2 id="compliance-title">{t('compliance')}</h2>
      <p role="status" className={compliance.compliant ? 'badge badge-met' : 'badge badge-breached'}>
        {t(compliance.compliant ? 'compliant' : 'notCompliant')}
      </p>
      <Facts
        facts={[
          [t('installations'), compliance.installations],
          [t('seatsBought'), seats(compliance.seatsBought)],
          [t('seatsAssigned'), compliance.seatsAssigned],
          [t('uncovered'), compliance.uncovered],
        ]}
      />
      <h3>{t('licenses')}</h3>
      <DataTable
        caption={t('licenses')}
        headers={[t('name'), t('serial'), t('seats'), t('seatsAssigned'), t('expiresAt'), t('compliance')]}
        keys={compliance.licenses.map((license) => license.licenseId)}
        rows={compliance.licenses.map((license) => [
          license.name,
          license.serial ?? '',
          seats(license.seats),
          license.compliance.seatsUsed,
          day(license.expiresAt),
          t(license.compliance.compliant ? 'compliant' : 'notCompliant'),
        ])}
      />
    </section>
  );
}

/** A software: its versions with their installation counts, licence compliance, the computers having it. */
function SoftwarePage({ softwareId }: { softwareId: string }) {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const { software, versions, compliance } = useSoftware(softwareId);
  const installations = useInstallations(softwareId, page);
  if (software.error instanceof ApiProblem && software.error.status === 404) return <h1>{t('notFound')}</h1>;
  if (!software.data) return <ProblemMessage error={software.error} />;
  return (
    <>
      <ParcNav />
      <h1>{software.data.name}</h1>
      <Facts
        facts={[
          [t('publisher'), software.data.publisher],
          [t('comment'), software.data.comment && <span className="content">{software.data.comment}</span>],
        ]}
      />
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('versions')}</h2>
        <DataTable
          caption={t('versions')}
          headers={[t('version'), t('architecture'), t('installations')]}
          keys={(versions.data ?? []).map((version) => version.versionId)}
          rows={(versions.data ?? []).map((version) => [version.name, version.arch ?? '', version.installations])}
        />
      </section>
      {compliance.data && <ComplianceCard compliance={compliance.data} />}
      {can('license.write') && (
        <p>
          <Link to="/parc/licenses/new" search={{ softwareId }}>
            {t('license.new')}
          </Link>
        </p>
      )}
      <section className="card" aria-labelledby="installations-title">
        <h2 id="installations-title">{t('installations')}</h2>
        <ProblemMessage error={installations.error} />
        <DataTable
          caption={t('installations')}
          headers={[t('computer'), t('version'), t('installedAt'), t('source')]}
          keys={(installations.data?.items ?? []).map((item) => `${item.computerId}:${item.versionId}`)}
          rows={(installations.data?.items ?? []).map((item) => [
            <Link
              key="computer"
              to="/parc/$assetType/$assetId"
              params={{ assetType: 'computers', assetId: item.computerId }}
              search={{ tab: 'software' }}
            >
              {item.computerName}
            </Link>,
            item.versionName,
            day(item.installedAt),
            t(`source.${item.source}` as MessageKey),
          ])}
        />
        <Pager
          label={t('installations')}
          page={page}
          pageSize={ASSET_PAGE_SIZE}
          total={installations.data?.total ?? 0}
          onPage={setPage}
        />
      </section>
    </>
  );
}

export function SoftwareListScreen() {
  return (
    <ParcAccess right="software.read">
      <SoftwareList />
    </ParcAccess>
  );
}

export function SoftwarePageScreen() {
  const { softwareId } = useParams({ from: '/parc/software/$softwareId' });
  return (
    <ParcAccess right="software.read">
      <SoftwarePage key={softwareId} softwareId={softwareId} />
    </ParcAccess>
  );
}
