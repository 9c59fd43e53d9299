import { locationTree } from './location-tree';

describe('the location tree', () => {
  it('nests locations under their parents with their complete names', () => {
    const tree = locationTree([
      { valueId: 'siege', name: 'Siège', parentId: null },
      { valueId: 'bat-a', name: 'Bâtiment A', parentId: 'siege', comment: 'Accueil' },
      { valueId: 'salle', name: 'Salle 12', parentId: 'bat-a' },
    ]);
    expect(tree).toEqual([
      {
        valueId: 'siege',
        name: 'Siège',
        parentId: null,
        comment: null,
        completeName: 'Siège',
        children: [
          {
            valueId: 'bat-a',
            name: 'Bâtiment A',
            parentId: 'siege',
            comment: 'Accueil',
            completeName: 'Siège > Bâtiment A',
            children: [
              {
                valueId: 'salle',
                name: 'Salle 12',
                parentId: 'bat-a',
                comment: null,
                completeName: 'Siège > Bâtiment A > Salle 12',
                children: [],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('puts a location whose parent is not visible at the top', () => {
    const tree = locationTree([{ valueId: 'salle', name: 'Salle 12', parentId: 'hidden' }]);
    expect(tree.map((node) => node.completeName)).toEqual(['Salle 12']);
  });
});
