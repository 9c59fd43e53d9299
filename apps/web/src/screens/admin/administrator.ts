/**
 * Administrators are who may manage users (GLPI's Admin and Super-Admin): the others get no link
 * to the administration and "no access" there; the services refuse their calls anyway.
 */
export const isAdministrator = (can: (right: string) => boolean) => can('user.write');
