import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useComputer, useComputerCandidates } from '../../api/license-queries';
import { licenseCommands, useParcCommand } from '../../api/parc-commands';
import type { License } from '../../api/parc-views';
import { DataTable } from '../../components/list-parts';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';

/** A computer holding a seat, by its name (its id while it is read). */
function ComputerName({ computerId }: { computerId: string }) {
  const computer = useComputer(computerId);
  return (
    <Link to="/parc/$assetType/$assetId" params={{ assetType: 'computers', assetId: computerId }} search={{}}>
      {computer.data?.name ?? computerId}
    </Link>
  );
}

/** "Retirer", named after the computer for screen readers (a button per row). */
function UnassignButton(props: { computerId: string; disabled: boolean; onClick(): void }) {
  const { t } = useI18n();
  const computer = useComputer(props.computerId);
  const name = computer.data?.name ?? props.computerId;
  return (
    <button
      type="button"
      className="link"
      aria-label={t('license.unassignFrom', { name })}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {t('license.unassign')}
    </button>
  );
}

/** Computers found by name, each offered a seat (GLPI's "Affecter"); the service checks quota and scope. */
function AssignSeat({ license }: { license: License }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [name, setName] = useState('');
  const candidates = useComputerCandidates(name);
  const assign = useParcCommand((computerId: string) => licenseCommands.assign(license.licenseId, computerId));
  const search = (event: FormEvent) => {
    event.preventDefault();
    setName(typed.trim());
  };
  const offered = (candidates.data?.items ?? []).filter((computer) => !license.computerIds.includes(computer.assetId));
  return (
    <form className="card" aria-labelledby="assign-title" onSubmit={search}>
      <h3 id="assign-title">{t('license.assign')}</h3>
      <div className="field">
        <label htmlFor="assign-name">{t('license.computerName')}</label>
        <input id="assign-name" value={typed} onChange={(event) => setTyped(event.target.value)} />
      </div>
      <button type="submit">{t('search')}</button>
      {name !== '' && candidates.data && offered.length === 0 && <p className="empty">{t('noneYet')}</p>}
      <ul>
        {offered.map((computer) => (
          <li key={computer.assetId}>
            <button
              type="button"
              disabled={assign.isPending}
              onClick={() => void assign.mutateAsync(computer.assetId).catch(() => undefined)}
            >
              {t('license.assignTo', { name: computer.name ?? computer.assetId })}
            </button>
          </li>
        ))}
      </ul>
      <ProblemMessage error={assign.error ?? candidates.error} />
    </form>
  );
}

/** The computers holding the licence's seats; with license.write, a seat is given or taken back. */
export function LicenseSeats({ license }: { license: License }) {
  const { t } = useI18n();
  const writable = useSession().can('license.write');
  const unassign = useParcCommand((computerId: string) => licenseCommands.unassign(license.licenseId, computerId));
  return (
    <section className="card" aria-labelledby="seats-title">
      <h2 id="seats-title">{t('license.computers')}</h2>
      <DataTable
        caption={t('license.computers')}
        headers={writable ? [t('computer'), t('actions')] : [t('computer')]}
        keys={license.computerIds}
        rows={license.computerIds.map((computerId) => [
          <ComputerName key="name" computerId={computerId} />,
          ...(writable
            ? [
                <UnassignButton
                  key="unassign"
                  computerId={computerId}
                  disabled={unassign.isPending}
                  onClick={() => void unassign.mutateAsync(computerId).catch(() => undefined)}
                />,
              ]
            : []),
        ])}
      />
      <ProblemMessage error={unassign.error} />
      {writable && <AssignSeat license={license} />}
    </section>
  );
}
