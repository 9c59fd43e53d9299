import { useState } from 'react';
import { adminKeys, useAdminCommand, useAgreements } from '../../api/admin';
import type { AgreementView } from '../../api/admin-views';
import { serviceLevelCommands, type AgreementDefinition } from '../../api/service-levels';
import { ConfirmButton } from '../../components/confirm-button';
import { DataTable } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { AgreementForm } from './agreement-form';

/** The form replacing one agreement's terms (sla's PUT), closed once saved. */
function EditAgreement({ agreement, onClose }: { agreement: AgreementView; onClose(): void }) {
  const { t } = useI18n();
  const replace = useAdminCommand(adminKeys.agreements, serviceLevelCommands.replaceAgreement);
  return (
    <AgreementForm
      id="edit-agreement"
      title={t('agreement.edit', { name: agreement.name })}
      agreement={agreement}
      command={{
        ...replace,
        mutateAsync: (terms: AgreementDefinition) => replace.mutateAsync({ ...terms, slaId: agreement.slaId }),
      }}
      onSaved={onClose}
    />
  );
}

/** "Supprimer" an agreement, confirmed: tickets already given it keep their deadlines (sla's DELETE). */
function DeleteAgreement({ agreement }: { agreement: AgreementView }) {
  const { t } = useI18n();
  const remove = useAdminCommand<void>(adminKeys.agreements, () =>
    serviceLevelCommands.deleteAgreement(agreement.slaId),
  );
  return (
    <ConfirmButton
      label={t('deleteNamed', { name: agreement.name })}
      question={t('agreement.deleteQuestion', { name: agreement.name })}
      command={remove}
    />
  );
}

/** SLAs and OLAs with their levels; with sla.write, a new one, "Modifier" and "Supprimer" on each. */
export function AgreementsAdmin() {
  const { t } = useI18n();
  const writable = useSession().can('sla.write');
  const agreements = useAgreements().data ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const create = useAdminCommand(adminKeys.agreements, serviceLevelCommands.createAgreement);
  const edited = agreements.find((agreement) => agreement.slaId === editing);
  return (
    <>
      <DataTable
        caption={t('admin.agreements')}
        rows={agreements}
        rowKey={(agreement) => agreement.slaId}
        columns={[
          { header: t('admin.name'), cell: (agreement) => agreement.name },
          { header: t('type'), cell: (agreement) => `${agreement.agreement.toUpperCase()} ${t(agreement.kind)}` },
          {
            header: t('admin.duration'),
            cell: (agreement) => `${agreement.duration} ${t(`agreement.unit.${agreement.unit}`)}`,
          },
          {
            header: t('admin.levels'),
            cell: (agreement) =>
              agreement.levels
                .map((level) => `${level.name} (${level.offsetMinutes > 0 ? '+' : ''}${level.offsetMinutes} min)`)
                .join(', '),
          },
          writable && {
            header: t('actions'),
            cell: (agreement) => (
              <>
                <button type="button" className="link" onClick={() => setEditing(agreement.slaId)}>
                  {t('editNamed', { name: agreement.name })}
                </button>{' '}
                <DeleteAgreement agreement={agreement} />
              </>
            ),
          },
        ]}
      />
      {edited && <EditAgreement key={edited.slaId} agreement={edited} onClose={() => setEditing(null)} />}
      {writable && <AgreementForm id="create-agreement" title={t('agreement.create')} command={create} />}
    </>
  );
}
