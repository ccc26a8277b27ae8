import { describe, expect, it } from 'vitest';
import type { Role } from '../sync/auth-api';
import { parseDocName, type DocName } from '../sync/doc-names';
import { documentAccess, may, type Action, type Principal } from './index';

const GROUP = 'wohnen';
const OTHER = 'armut';

const ROLES: readonly Role[] = ['admin', 'stabsstelle', 'steuerung', 'moderation', 'member'];
const principal = (role: Role, groups: Principal['groups'] = []): Principal => ({ role, groups });
const member = (role: Role = 'member'): Principal => principal(role, [{ id: GROUP, lead: false }]);
const lead = (role: Role = 'member'): Principal => principal(role, [{ id: GROUP, lead: true }]);
const outsider = (role: Role = 'member'): Principal => principal(role, [{ id: OTHER, lead: true }]);

function doc(name: string): DocName {
  const parsed = parseDocName(name);
  if (parsed === null) {
    throw new Error(`not a document name: ${name}`);
  }
  return parsed;
}

describe('documentAccess', () => {
  it('lets nobody write the workspace, which only the server writes, and everyone read it', () => {
    for (const role of ROLES) {
      expect(documentAccess(principal(role), doc('workspace')), role).toBe('read-only');
      expect(documentAccess(lead(role), doc('workspace')), role).toBe('read-only');
    }
  });

  it('gives a group’s documents to its members and admin, to read to stabsstelle and moderation, to no other member', () => {
    for (const name of [`group/${GROUP}/index`, `group/${GROUP}/proposal/p-1`]) {
      expect(documentAccess(member(), doc(name))).toBe('read-write');
      expect(documentAccess(lead(), doc(name))).toBe('read-write');
      expect(documentAccess(principal('admin'), doc(name))).toBe('read-write');
      expect(documentAccess(principal('stabsstelle'), doc(name))).toBe('read-only');
      expect(documentAccess(principal('moderation'), doc(name))).toBe('read-only');
      expect(documentAccess(principal('steuerung'), doc(name))).toBe('read-only');
      expect(documentAccess(outsider(), doc(name))).toBe('none');
      expect(documentAccess(principal('member'), doc(name))).toBe('none');
    }
  });

  it('lets membership beat role: a moderation or stabsstelle account that is a member writes in its group', () => {
    expect(documentAccess(member('moderation'), doc(`group/${GROUP}/index`))).toBe('read-write');
    expect(documentAccess(member('stabsstelle'), doc(`group/${GROUP}/proposal/p-1`))).toBe('read-write');
    expect(documentAccess(member('moderation'), doc(`group/${OTHER}/index`))).toBe('read-only');
  });

  it('lets stabsstelle and admin write the report and statistics, everyone else read them', () => {
    for (const name of ['report/2025', 'datasets', `dataset/${'b'.repeat(64)}`]) {
      expect(documentAccess(principal('admin'), doc(name))).toBe('read-write');
      expect(documentAccess(principal('stabsstelle'), doc(name))).toBe('read-write');
      expect(documentAccess(principal('moderation'), doc(name))).toBe('read-only');
      expect(documentAccess(lead(), doc(name))).toBe('read-only');
    }
  });
});

describe('may (named actions)', () => {
  const cases: { who: string; as: Principal; allowed: Action['kind'][] }[] = [
    {
      who: 'admin',
      as: principal('admin'),
      allowed: ['push-recommendation', 'publish-statistics', 'transition-proposal', 'moderate-workshop', 'comment'],
    },
    {
      who: 'stabsstelle',
      as: principal('stabsstelle'),
      allowed: ['push-recommendation', 'publish-statistics', 'transition-proposal', 'moderate-workshop', 'comment'],
    },
    { who: 'steuerung', as: principal('steuerung'), allowed: ['transition-proposal', 'comment'] },
    { who: 'moderation', as: principal('moderation'), allowed: ['moderate-workshop', 'comment'] },
    { who: 'group member', as: member(), allowed: ['transition-proposal', 'vote', 'comment'] },
    { who: 'group lead', as: lead(), allowed: ['transition-proposal', 'moderate-workshop', 'vote', 'comment'] },
    { who: 'lead of another group', as: outsider(), allowed: [] },
    { who: 'moderation member of the group', as: member('moderation'), allowed: ['transition-proposal', 'moderate-workshop', 'vote', 'comment'] },
  ];
  const actions: Action[] = [
    { kind: 'push-recommendation' },
    { kind: 'publish-statistics' },
    { kind: 'transition-proposal', groupId: GROUP },
    { kind: 'moderate-workshop', groupId: GROUP },
    { kind: 'vote', groupId: GROUP },
    { kind: 'comment', groupId: GROUP },
  ];

  it.each(cases)('$who may do exactly: $allowed', ({ as, allowed }) => {
    const granted = actions.filter((action) => may(as, action)).map((action) => action.kind);
    expect(granted).toEqual(allowed);
  });

  it('defines pushing and publishing by the report and datasets write rules, so they cannot drift apart', () => {
    for (const as of [...ROLES.map((role) => principal(role)), member(), lead(), outsider()]) {
      expect(may(as, { kind: 'push-recommendation' })).toBe(documentAccess(as, doc('report/2031')) === 'read-write');
      expect(may(as, { kind: 'publish-statistics' })).toBe(documentAccess(as, doc('datasets')) === 'read-write');
    }
  });

  it('lets whoever may read a group’s documents comment, and nobody else', () => {
    for (const as of [...ROLES.map((role) => principal(role)), member(), lead(), outsider()]) {
      expect(may(as, { kind: 'comment', groupId: GROUP })).toBe(documentAccess(as, doc(`group/${GROUP}/index`)) !== 'none');
    }
  });
});
