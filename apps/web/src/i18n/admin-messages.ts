/**
 * The words of the administration screens and the list's saved searches, merged into MESSAGES
 * (kept apart so that screens built at the same time add their words without touching each other's).
 */
export const ADMIN_MESSAGES_FR = {
  savedSearches: 'Recherches sauvegardées',
  savedSearch: 'Recherche sauvegardée',
  sharedBy: 'partagée par {name}',
  removeSavedSearch: 'Supprimer la recherche',
  saveSearch: 'Sauvegarder la recherche',
  savedSearchName: 'Nom de la recherche',
  shareInEntity: "Partager dans l'entité et ses sous-entités",
} as const;

export const ADMIN_MESSAGES_EN: Record<keyof typeof ADMIN_MESSAGES_FR, string> = {
  savedSearches: 'Saved searches',
  savedSearch: 'Saved search',
  sharedBy: 'shared by {name}',
  removeSavedSearch: 'Remove the search',
  saveSearch: 'Save the search',
  savedSearchName: 'Name of the search',
  shareInEntity: 'Share in the entity and its sub-entities',
};
