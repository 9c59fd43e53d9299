import { useState } from 'react';
import { adminCommands, adminKeys, useAdminCommand } from '../../api/admin';
import { useCategories } from '../../api/queries';
import { AdminForm, TextField } from '../../components/admin-form';
import { DataTable } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';

/** "Intitulés > Catégories ITIL". */
export function CategoriesAdmin() {
  const { t } = useI18n();
  const categories = useCategories();
  const [name, setName] = useState('');
  const create = useAdminCommand(adminKeys.categories, adminCommands.createCategory);
  return (
    <>
      <DataTable
        caption={t('admin.categories')}
        rows={categories.data}
        rowKey={(category) => category.categoryId}
        columns={[{ header: t('admin.name'), cell: (category) => category.name }]}
      />
      <AdminForm
        id="create-category"
        title={t('admin.createCategory')}
        command={create}
        onSubmit={async () => {
          await create.mutateAsync({ name });
          setName('');
        }}
      >
        <TextField id="category-name" label={t('admin.name')} value={name} onChange={setName} required />
      </AdminForm>
    </>
  );
}
