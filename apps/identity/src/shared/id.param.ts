import { IsString, Matches } from 'class-validator';

/** Ids are UUIDs or the well-known slugs (root, super-admin): anything else is a 400, never a query. */
export class IdParam {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id must be 1 to 64 letters, digits, _ or -' })
  id!: string;
}
