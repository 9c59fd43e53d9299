import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiProblem } from '../../api/api-problem';
import { useLicense, useLicensePage, useOneSoftware, useSoftwareChoices } from '../../api/license-queries';
import { licenseCommands, useParcCommand, type LicenseTerms } from '../../api/parc-commands';
import { ASSET_PAGE_SIZE } from '../../api/parc-queries';
import type { License } from '../../api/parc-views';
import { DataTable, Facts, Pager } from '../../components/list-parts';
import { OptionSelect } from '../../components/option-select';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { LicenseTermsForm } from './license-form';
import { LicenseSeats } from './license-seats';
import { useParcFormat } from './parc-format';
import { NameCriteria } from './name-criteria';
import { ParcAccess, ParcNav } from './parc-nav';

/** Why a licence is not compliant, or that it is. */
export function complianceKey(license: License): MessageKey {
  if (license.compliance.expired) return 'license.expired';
  if (license.compliance.overQuota) return 'license.overQuota';
  return 'compliant';
}

/** A licence's software by its name (each read once, then from the cache). */
function SoftwareName({ softwareId }: { softwareId: string }) {
  return <>{useOneSoftware(softwareId).data?.name ?? ''}</>;
}

/** GLPI's licences: searched by name, paged, each with its software, seats and compliance. */
function LicenseList() {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const search = useSearch({ from: '/parc/licenses' });
  const page = useLicensePage(search.name, search.page ?? 1);
  return (
    <>
      <ParcNav />
      <h1>{t('licenses')}</h1>
      {can('license.write') && (
        <p>
          <Link to="/parc/licenses/new" search={{ softwareId: undefined }}>
            {t('license.new')}
          </Link>
        </p>
      )}
      <NameCriteria name={search.name} onSearch={(name) => void navigate({ to: '/parc/licenses', search: { name } })} />
      <ProblemMessage error={page.error} />
      <DataTable
        caption={t('licenses')}
        headers={[
          t('name'),
          t('software'),
          t('serial'),
          t('seats'),
          t('seatsAssigned'),
          t('expiresAt'),
          t('compliance'),
        ]}
        keys={(page.data?.items ?? []).map((license) => license.licenseId)}
        rows={(page.data?.items ?? []).map((license) => [
          <Link key="name" to="/parc/licenses/$licenseId" params={{ licenseId: license.licenseId }}>
            {license.name}
          </Link>,
          <SoftwareName key="software" softwareId={license.softwareId} />,
          license.serial ?? '',
          license.seats === -1 ? t('unlimited') : license.seats,
          license.compliance.seatsUsed,
          day(license.expiresAt),
          t(complianceKey(license)),
        ])}
      />
      <Pager
        label={t('licenses')}
        page={search.page ?? 1}
        pageSize={ASSET_PAGE_SIZE}
        total={page.data?.total ?? 0}
        onPage={(next) => void navigate({ to: '/parc/licenses', search: { ...search, page: next } })}
      />
    </>
  );
}

/** The version of its software a licence covers, or all of them (''). */
function VersionSelect(props: {
  versions: Array<{ versionId: string; name: string }> | undefined;
  value: string;
  onChange(versionId: string): void;
}) {
  const { t } = useI18n();
  return (
    <OptionSelect
      id="license-version"
      label={t('version')}
      value={props.value}
      emptyLabel={t('license.anyVersion')}
      options={(props.versions ?? []).map((version) => [version.versionId, version.name])}
      onChange={props.onChange}
    />
  );
}

/** A new licence: its software (from the software's page, or chosen here), then its terms. */
function CreateLicense() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearch({ from: '/parc/licenses/new' });
  const [softwareId, setSoftwareId] = useState(search.softwareId ?? '');
  // from a software's page: that software, named; else one of the catalogue's first
  const software = useSoftwareChoices(!search.softwareId);
  const named = useOneSoftware(search.softwareId);
  const [versionId, setVersionId] = useState('');
  const versions = (named.data ?? software.data?.find((candidate) => candidate.softwareId === softwareId))?.versions;
  const create = useParcCommand(async (terms: LicenseTerms) => {
    const license = await licenseCommands.create({ ...terms, softwareId, ...(versionId ? { versionId } : {}) });
    await navigate({ to: '/parc/licenses/$licenseId', params: { licenseId: license.licenseId } });
  });
  return (
    <>
      <ParcNav />
      <h1>{t('license.new')}</h1>
      <LicenseTermsForm title={t('license.new')} submitLabel={t('asset.add')} command={create}>
        {search.softwareId ? (
          <Facts facts={[[t('software'), named.data?.name ?? search.softwareId]]} />
        ) : (
          <OptionSelect
            id="license-software"
            label={t('software')}
            value={softwareId}
            required
            options={(software.data ?? []).map((candidate) => [candidate.softwareId, candidate.name])}
            onChange={(chosen) => {
              setSoftwareId(chosen);
              setVersionId('');
            }}
          />
        )}
        <VersionSelect versions={versions} value={versionId} onChange={setVersionId} />
      </LicenseTermsForm>
    </>
  );
}

/** What a licence covers: its software (a link to it) and one of its versions, or all of them. */
function LicenseCovers({ license }: { license: License }) {
  const { t } = useI18n();
  const software = useOneSoftware(license.softwareId).data;
  const version = software?.versions.find((candidate) => candidate.versionId === license.versionId);
  return (
    <Facts
      facts={[
        [
          t('software'),
          <Link key="software" to="/parc/software/$softwareId" params={{ softwareId: license.softwareId }}>
            {software?.name ?? license.softwareId}
          </Link>,
        ],
        [t('version'), license.versionId ? (version?.name ?? license.versionId) : t('license.anyVersion')],
        [t('serial'), license.serial],
      ]}
    />
  );
}

/** A licence's terms and the version of its software it covers, edited (PATCH sends both). */
function EditLicense({ license }: { license: License }) {
  const { t } = useI18n();
  const versions = useOneSoftware(license.softwareId).data?.versions;
  const [versionId, setVersionId] = useState(license.versionId ?? '');
  const change = useParcCommand((terms: LicenseTerms) =>
    licenseCommands.change(license.licenseId, { ...terms, versionId: versionId || null }),
  );
  return (
    <LicenseTermsForm license={license} title={t('license.edit')} submitLabel={t('save')} command={change}>
      <VersionSelect versions={versions} value={versionId} onChange={setVersionId} />
    </LicenseTermsForm>
  );
}

/** A licence: its compliance, its terms (edited with license.write), the computers holding its seats. */
function LicensePage({ licenseId }: { licenseId: string }) {
  const { t } = useI18n();
  const { day } = useParcFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const license = useLicense(licenseId);
  const remove = useParcCommand(async () => {
    await licenseCommands.remove(licenseId);
    await navigate({ to: '/parc/licenses', search: {} });
  });
  if (license.error instanceof ApiProblem && license.error.status === 404) return <h1>{t('notFound')}</h1>;
  if (!license.data) return <ProblemMessage error={license.error} />;
  const { compliance, seats } = license.data;
  return (
    <>
      <ParcNav />
      <h1>{license.data.name}</h1>
      <LicenseCovers license={license.data} />
      <section className="card" aria-labelledby="compliance-title">
        <h2 id="compliance-title">{t('compliance')}</h2>
        <p role="status" className={compliance.compliant ? 'badge badge-met' : 'badge badge-breached'}>
          {t(complianceKey(license.data))}
        </p>
        <Facts
          facts={[
            [t('seatsBought'), seats === -1 ? t('unlimited') : seats],
            [t('seatsAssigned'), compliance.seatsUsed],
            [t('license.seatsFree'), compliance.seatsFree ?? t('unlimited')],
            [t('expiresAt'), day(license.data.expiresAt)],
          ]}
        />
      </section>
      <LicenseSeats license={license.data} />
      {can('license.write') && (
        <>
          <EditLicense key={`${license.data.name}:${license.data.versionId}`} license={license.data} />
          <button type="button" onClick={() => void remove.mutateAsync().catch(() => undefined)}>
            {t('license.remove')}
          </button>
          <ProblemMessage error={remove.error} />
        </>
      )}
    </>
  );
}

export function LicenseListScreen() {
  return (
    <ParcAccess right="license.read">
      <LicenseList />
    </ParcAccess>
  );
}

export function LicenseCreateScreen() {
  return (
    <ParcAccess right="license.write">
      <CreateLicense />
    </ParcAccess>
  );
}

export function LicensePageScreen() {
  const { licenseId } = useParams({ from: '/parc/licenses/$licenseId' });
  return (
    <ParcAccess right="license.read">
      <LicensePage key={licenseId} licenseId={licenseId} />
    </ParcAccess>
  );
}
