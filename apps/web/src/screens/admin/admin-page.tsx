import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { CategoriesAdmin } from './categories-admin';
import { EntitiesAdmin } from './entities-admin';
import { GroupsAdmin } from './groups-admin';
import { InventoryAdmin } from './inventory-admin';
import { ProfilesAdmin } from './profiles-admin';
import { SlaAdmin } from './sla-admin';
import { StatisticsAdmin } from './statistics-admin';
import { UsersAdmin } from './users-admin';

/** The administration's sections, in GLPI's menu order: address, title, screen. */
export const ADMIN_SECTIONS: Array<{ section: string; title: MessageKey; screen: ComponentType }> = [
  { section: 'entities', title: 'admin.entities', screen: EntitiesAdmin },
  { section: 'users', title: 'admin.users', screen: UsersAdmin },
  { section: 'groups', title: 'admin.groups', screen: GroupsAdmin },
  { section: 'profiles', title: 'admin.profiles', screen: ProfilesAdmin },
  { section: 'sla', title: 'admin.sla', screen: SlaAdmin },
  { section: 'categories', title: 'admin.categories', screen: CategoriesAdmin },
  { section: 'inventory', title: 'inventory.title', screen: InventoryAdmin },
  { section: 'statistics', title: 'stats.dashboard', screen: StatisticsAdmin },
];

/** /admin and /admin/<section>: the sections' menu, then the chosen one (a chunk of its own, loaded on the way). */
export default function AdminPage({ section }: { section?: string }) {
  const { t } = useI18n();
  const chosen = ADMIN_SECTIONS.find((candidate) => candidate.section === section);
  const Screen = chosen?.screen;
  return (
    <>
      <h1>{chosen ? t(chosen.title) : t('admin.title')}</h1>
      <nav aria-label={t('admin.title')} className="sections">
        {ADMIN_SECTIONS.map((candidate) => (
          <Link key={candidate.section} to="/admin/$section" params={{ section: candidate.section }}>
            {t(candidate.title)}
          </Link>
        ))}
      </nav>
      {Screen && <Screen />}
    </>
  );
}
