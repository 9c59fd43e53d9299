import { jsonApi, type JsonApi } from '@itsm/runtime';

/** The tickets API over HTTP as the seed and the tests use it: the runtime's JSON client. */
export const ticketsApi = jsonApi;
export type TicketsApi = JsonApi;
