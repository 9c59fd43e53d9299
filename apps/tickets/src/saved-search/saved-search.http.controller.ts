import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, newId, SmallBody } from '@itsm/runtime';
import type { SavedSearch } from './saved-search';
import { SavedSearchStore } from './saved-search.store';
import { SaveSearchRequestDto } from './save-search.request.dto';

const view = ({ _id, ownerId, ownerName, name, query, shared, entityId, recursive, savedAt }: SavedSearch) => ({
  searchId: _id,
  ownerId,
  ownerName,
  name,
  query,
  shared,
  entityId,
  recursive,
  savedAt: savedAt.toISOString(),
});

/** GLPI's bookmarks of the ticket list ("Recherches sauvegardées"), for technicians. */
@ApiTags('saved-searches')
@ApiBearerAuth()
@Controller('api/saved-searches')
export class SavedSearchHttpController {
  constructor(private readonly store: SavedSearchStore) {}

  @Get()
  @RequireRights('ticket.read-all')
  async list(@CurrentCaller() caller: Caller) {
    return { items: (await this.store.visibleTo(caller)).map(view) };
  }

  @Post()
  @RequireRights('ticket.read-all')
  @Idempotent()
  @SmallBody()
  async save(@CurrentCaller() caller: Caller, @Body() body: SaveSearchRequestDto) {
    const shared = body.shared ?? false;
    const search: SavedSearch = {
      _id: newId(),
      ownerId: caller.userId,
      ownerName: caller.displayName,
      name: body.name.trim(),
      query: body.query.replace(/^\?/, ''),
      shared,
      entityId: caller.entityId,
      recursive: shared && (body.recursive ?? false),
      savedAt: new Date(),
    };
    await this.store.save(search);
    return view(search);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRights('ticket.read-all')
  async remove(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.store.remove(caller, id);
  }
}
