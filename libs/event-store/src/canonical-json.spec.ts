import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[{"z":1}]},"b":1}');
  });

  it('keeps a member named __proto__ as a member, so two different bodies never hash the same', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(canonicalJson(parsed)).not.toBe(canonicalJson({ b: 1 }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
