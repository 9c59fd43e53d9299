import { ListedDocCache } from './listed-doc-cache';

describe('the cache of listed documents', () => {
  it('gives a document back only for its sequence or an earlier one, and forgets the least recent', () => {
    const cache = new ListedDocCache<string>(2);
    cache.set('a', 3, 'a@3');
    cache.set('b', 1, 'b@1');
    expect([cache.get('a', 3), cache.get('a', 2), cache.get('a', 4)]).toEqual(['a@3', 'a@3', undefined]);
    cache.set('c', 1, 'c@1'); // b is the least recently listed now
    expect([cache.get('b', 1), cache.get('a', 3), cache.get('c', 1), cache.size]).toEqual([undefined, 'a@3', 'c@1', 2]);
  });
});
