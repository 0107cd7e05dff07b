import { describe, expect, it } from 'vitest';
import { assignableRoles, can, type Action } from './account-policy.js';
import { ROLES, type Role } from './user.js';

const me = (role: Role) => ({ id: 1, name: 'me', role });
const mine = { ownerId: 1 };
const theirs = { ownerId: 2 };

/** The table, cell by cell: [role, action, own?, allowed]. */
const expected: Record<Role, Record<string, [boolean, boolean]>> = {
  //                       own    others'
  contributor: {
    funders: [false, false],
    edit: [true, false],
    publish: [false, false],
    delete: [true, false],
    partners: [false, false],
    topics: [false, false],
    members: [false, false],
    settings: [false, false],
    users: [false, false],
  },
  writer: {
    funders: [false, false],
    edit: [true, false],
    publish: [true, false],
    delete: [true, false],
    partners: [false, false],
    topics: [false, false],
    members: [false, false],
    settings: [false, false],
    users: [false, false],
  },
  editor: {
    funders: [false, false],
    edit: [true, true],
    publish: [true, true],
    delete: [true, true],
    partners: [true, true],
    topics: [true, true],
    members: [false, false],
    settings: [false, false],
    users: [false, false],
  },
  admin: {
    funders: [true, true],
    edit: [true, true],
    publish: [true, true],
    delete: [true, true],
    partners: [true, true],
    topics: [true, true],
    members: [true, true],
    settings: [true, true],
    users: [true, true],
  },
  owner: {
    funders: [true, true],
    edit: [true, true],
    publish: [true, true],
    delete: [true, true],
    partners: [true, true],
    topics: [true, true],
    members: [true, true],
    settings: [true, true],
    users: [true, true],
  },
};
const actions: Record<string, Action> = {
  funders: 'funders.manage',
  edit: 'article.edit',
  publish: 'article.publish',
  delete: 'article.delete',
  partners: 'syndication.manage',
  topics: 'topics.manage',
  members: 'members.manage',
  settings: 'settings.manage',
  users: 'users.manage',
};

describe('the role × action matrix', () => {
  for (const role of ROLES) {
    for (const [name, action] of Object.entries(actions)) {
      const [own, others] = expected[role][name]!;
      it(`${role} ${own ? 'may' : 'may not'} ${name} their own, and ${others ? 'may' : 'may not'} ${name} others'`, () => {
        expect(can(me(role), action, mine)).toBe(own);
        expect(can(me(role), action, theirs)).toBe(others);
      });
    }
    it(`${role} may create articles`, () => expect(can(me(role), 'article.create')).toBe(true));
  }

  it('only owners make owners; editors and below assign no roles', () => {
    expect(assignableRoles(me('owner'))).toContain('owner');
    expect(assignableRoles(me('admin'))).not.toContain('owner');
    expect(assignableRoles(me('editor'))).toEqual([]);
    expect(assignableRoles(me('contributor'))).toEqual([]);
  });
});
