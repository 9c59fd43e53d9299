import { operatingSystemOf } from './assets.target';

describe('the operating system a computers line gives (asset.create v2)', () => {
  it('is its OS columns as the parts assets takes', () => {
    expect(
      operatingSystemOf({
        name: 'PC-BLIER',
        osName: 'Windows',
        osVersion: '11',
        osEdition: 'Professionnel',
        osArchitecture: '64-bit',
        osKernel: '10.0.22631',
      }),
    ).toEqual({
      name: 'Windows',
      version: '11',
      edition: 'Professionnel',
      architecture: '64-bit',
      kernel: '10.0.22631',
    });
    expect(operatingSystemOf({ osName: 'Ubuntu', osVersion: 24.04 })).toEqual({ name: 'Ubuntu', version: '24.04' });
  });

  it('is none without a name: a version or an edition alone names no operating system', () => {
    expect(operatingSystemOf({ name: 'PC-BLIER' })).toBeNull();
    expect(operatingSystemOf({ osVersion: '11', osEdition: 'Professionnel' })).toBeNull();
    expect(operatingSystemOf({ osName: '  ', osVersion: '11' })).toBeNull();
  });
});
