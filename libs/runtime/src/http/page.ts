import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Document, Filter } from 'mongodb';
import type { Collection } from 'mongoose';

/** Paging and ordering every list accepts; each list adds its filters and the sortable fields. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  limit: number;
}

export async function pageOf<Doc extends Document, Item>(
  collection: Collection<Doc>,
  filter: object,
  query: PageQuery,
  sortField: string,
  present: (doc: NoInfer<Doc>) => Item,
): Promise<Page<Item>> {
  const direction = query.order === 'desc' ? -1 : 1;
  const [docs, total] = await Promise.all([
    collection
      .find(filter as Filter<Doc>)
      .sort({ [sortField]: direction, _id: direction })
      .skip((query.page - 1) * query.limit)
      .limit(query.limit)
      .toArray(),
    collection.countDocuments(filter as Filter<Doc>),
  ]);
  return { items: docs.map((doc) => present(doc as Doc)), total, page: query.page, limit: query.limit };
}

/** A case-insensitive "contains" filter on user text, with regex characters taken literally. */
export const contains = (text: string) => ({ $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' });
