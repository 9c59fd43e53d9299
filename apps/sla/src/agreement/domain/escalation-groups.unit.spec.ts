import { escalationGroupsRefusal, type AgreementPlace, type EscalationGroupFacts } from './escalation-groups';

// The tree: root > A > A1, and B beside A. The agreement is defined on A.
const onA = (recursive: boolean): AgreementPlace => ({ entityId: 'A', recursive, ancestors: ['root'] });
const group = (entityId: string, recursive: boolean): EscalationGroupFacts => ({
  name: `g-${entityId}`,
  entityId,
  recursive,
});
const field = 'levels.0.actions.0.groupId';
const refusal = (place: AgreementPlace, found: EscalationGroupFacts | null) =>
  escalationGroupsRefusal(place, [{ field, groupId: 'g1', found }]);

describe('the groups an escalation level notifies or assigns', () => {
  it('given a group of the agreement’s entity, or recursive from an entity above, then it serves', () => {
    expect(refusal(onA(false), group('A', false))).toBeNull();
    expect(refusal(onA(true), group('A', true))).toBeNull();
    expect(refusal(onA(true), group('root', true))).toBeNull();
    expect(refusal(onA(false), group('root', true))).toBeNull();
  });

  it('given a group of a sibling entity, then it is refused (422) naming the field and why', () => {
    const refused = refusal(onA(true), group('B', true));
    expect(refused?.code).toBe('rule');
    expect(refused?.errors).toEqual([
      { field, message: 'group g1 is not visible in entity A: neither of it nor recursive from an entity above it' },
    ]);
    expect(refused?.message).toBe(
      `${field}: group g1 is not visible in entity A: neither of it nor recursive from an entity above it`,
    );
  });

  it('given a group above that is not recursive, or one of an entity below, then it is refused', () => {
    expect(refusal(onA(false), group('root', false))?.errors).toHaveLength(1);
    expect(refusal(onA(false), group('A1', true))?.errors).toHaveLength(1);
  });

  it('given a recursive agreement and a group of its entity that is not recursive, then it is refused', () => {
    expect(refusal(onA(true), group('A', false))?.errors).toEqual([
      {
        field,
        message:
          'group g-A is not recursive, so not visible in the entities below A that the recursive agreement serves',
      },
    ]);
  });

  it('given an unknown group, then it says so', () => {
    expect(refusal(onA(false), null)?.errors).toEqual([{ field, message: 'unknown group g1' }]);
  });

  it('given several groups, then each refused one is named', () => {
    const refused = escalationGroupsRefusal(onA(true), [
      { field: 'levels.0.actions.0.groupId', groupId: 'g1', found: group('A', true) },
      { field: 'levels.1.actions.0.groupId', groupId: 'g2', found: group('B', true) },
      { field: 'levels.1.actions.1.groupId', groupId: 'g3', found: null },
    ]);
    expect(refused?.errors?.map((error) => error.field)).toEqual([
      'levels.1.actions.0.groupId',
      'levels.1.actions.1.groupId',
    ]);
  });
});
