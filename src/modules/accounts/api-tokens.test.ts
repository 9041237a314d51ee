import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  createTestUser,
  login,
  type Session,
  startOtherProcess,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { systemActor } from '../../kernel/http/context.ts';
import { createApiToken } from './api-tokens.ts';

// Each process keeps the grants of the tokens it has seen. Two app instances over one
// database stand for two processes: a change made through one must hold on the other's
// next request, although the other still keeps the token's grant.
describe('API tokens across processes', () => {
  let t: TestApp;
  let other: FastifyInstance;
  let admin: Session;
  before(async () => {
    t = await startTestApp();
    other = await startOtherProcess(t);
    admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  /** An administrator with a read token, and the user list asked with it on the other process. */
  async function adminToken() {
    const user = await createTestUser(t.database, 'admin');
    const { token, secret } = await createApiToken(t.database.db, systemActor('test'), {
      userId: user.id,
      name: 'integration',
      scopes: ['read'],
    });
    const bearer = { authorization: `Bearer ${secret}` };
    const users = () => other.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    return { user, token, users };
  }

  test('a token revoked on one process is refused by the next request on the other', async () => {
    const { user, token, users } = await adminToken();
    assert.equal((await users()).statusCode, 200);
    const owner = await login(t.app, user.email);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${token.id}`,
      headers: owner.headers(),
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const refused = await users();
    assert.equal(refused.statusCode, 401);
    assert.equal((refused.json() as { error: { code: string } }).error.code, 'invalid_token');
  });

  test("a deactivated user's token is refused by the next request on the other process", async () => {
    const { user, users } = await adminToken();
    assert.equal((await users()).statusCode, 200);
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/deactivate`,
      headers: admin.headers(),
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await users()).statusCode, 401);
  });

  test("a user's new role holds on the other process's next request", async () => {
    const { user, users } = await adminToken();
    assert.equal((await users()).statusCode, 200);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers(),
      payload: { displayName: user.displayName, role: 'planner', rowVersion: user.rowVersion },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await users()).statusCode, 403, 'a planner may not list users');
  });

  test('a token is refused once it expires, though nothing else changed', async () => {
    const user = await createTestUser(t.database, 'admin');
    const { secret } = await createApiToken(t.database.db, systemActor('test'), {
      userId: user.id,
      name: 'short-lived',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 300),
    });
    const bearer = { authorization: `Bearer ${secret}` };
    const users = () => other.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    assert.equal((await users()).statusCode, 200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal((await users()).statusCode, 401);
  });
});
