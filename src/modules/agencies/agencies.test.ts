import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  createTestUser,
  login,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers/app.ts';

type Agency = {
  id: number;
  code: string;
  nameVi: string;
  parentId: number | null;
  rowVersion: number;
  active: boolean;
};
type ApiError = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

let t: TestApp;
let admin: Session;
let run = 0;
const code = (name: string) => `T${process.pid}-${++run}-${name}`;

before(async () => {
  t = await startTestApp({ seeded: true, config: { loginRateLimitPerMinute: 10_000 } });
  admin = await login(t.app, (await createTestUser(t.database, 'admin')).email);
});
after(async () => {
  await t.close();
});

async function create(session: Session, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/agencies',
    headers: session.headers(headers),
    payload: body,
  });
}

async function createOk(name: string, parentId: number | null, session = admin): Promise<Agency> {
  const res = await create(session, { code: code(name), nameVi: `Đơn vị ${name}`, kind: 'other', parentId });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Agency;
}

async function patch(
  session: Session,
  id: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/v1/agencies/${id}`,
    headers: session.headers(headers),
    payload: body,
  });
}

/** A small tree of our own: root › A › A1, root › B. */
async function makeTree() {
  const root = await createOk('root', null);
  const a = await createOk('A', root.id);
  const a1 = await createOk('A1', a.id);
  const b = await createOk('B', root.id);
  return { root, a, a1, b };
}

describe('agency register API', () => {
  test('anyone may read the list, the tree with depth, and one agency with its ancestors', async () => {
    const { root, a, a1 } = await makeTree();
    const tree = await t.app.inject({ method: 'GET', url: `/api/v1/agencies?view=tree&under=${root.id}` });
    assert.equal(tree.statusCode, 200);
    const items = (tree.json() as { items: (Agency & { depth: number })[] }).items;
    assert.deepEqual(
      items.map((i) => [i.id, i.depth]),
      [
        [root.id, 0],
        [a.id, 1],
        [a1.id, 2],
        [items[3]!.id, 1],
      ],
    );
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agencies?q=${encodeURIComponent('don vi a1')}`,
    });
    const found = (search.json() as { items: Agency[] }).items.map((i) => i.id);
    assert.ok(found.includes(a1.id), 'search ignores Vietnamese accents');
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${a1.id}` });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(
      (one.json() as { ancestors: { id: number }[] }).ancestors.map((x) => x.id),
      [root.id, a.id],
    );
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/agencies/999999' });
    assert.equal(missing.statusCode, 404);
  });

  test('an administrator creates an agency, and the change is audited', async () => {
    const before = await countRows(t.database, 'audit_log');
    const created = await createOk('created', null);
    assert.equal(created.rowVersion, 1);
    assert.equal(await countRows(t.database, 'audit_log'), before + 1);
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entity=agency&entityId=${created.id}`,
      headers: admin.headers(),
    });
    const entries = (log.json() as { items: { action: string; after: { code: string } }[] }).items;
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.action, 'create');
    assert.equal(entries[0]!.after.code, created.code);
  });

  test('an update needs the current rowVersion; a stale one gets 409 and writes nothing', async () => {
    const agency = await createOk('locking', null);
    const ok = await patch(admin, agency.id, { nameVi: 'Tên mới', rowVersion: agency.rowVersion });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((ok.json() as Agency).rowVersion, agency.rowVersion + 1);
    assert.equal((ok.json() as Agency).nameVi, 'Tên mới');
    const auditBefore = await countRows(t.database, 'audit_log');
    const stale = await patch(admin, agency.id, { nameVi: 'Tên khác', rowVersion: agency.rowVersion });
    assert.equal(stale.statusCode, 409);
    assert.match((stale.json() as ApiError).error.message, /người khác thay đổi/);
    const staleEn = await patch(
      admin,
      agency.id,
      { nameVi: 'Tên khác', rowVersion: agency.rowVersion },
      { 'accept-language': 'en' },
    );
    assert.match((staleEn.json() as ApiError).error.message, /Someone else changed this record/);
    assert.equal(await countRows(t.database, 'audit_log'), auditBefore);
    const now = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${agency.id}` });
    assert.equal((now.json() as Agency).nameVi, 'Tên mới');
  });

  test('a parent can be neither the agency itself nor one of its descendants', async () => {
    const { root, a, a1 } = await makeTree();
    const cycle = await patch(admin, a.id, { parentId: a1.id, rowVersion: a.rowVersion });
    assert.equal(cycle.statusCode, 400);
    assert.deepEqual((cycle.json() as ApiError).error.fields, [
      {
        field: 'parentId',
        message: 'Không thể chọn một đơn vị cấp dưới của cơ quan này làm cơ quan cấp trên',
      },
    ]);
    const self = await patch(
      admin,
      a.id,
      { parentId: a.id, rowVersion: a.rowVersion },
      { 'accept-language': 'en' },
    );
    assert.equal(self.statusCode, 400);
    assert.equal((self.json() as ApiError).error.fields?.[0]?.message, 'An agency cannot be its own parent');
    const rootUnder = await patch(admin, root.id, { parentId: a1.id, rowVersion: root.rowVersion });
    assert.equal(rootUnder.statusCode, 400, 'a grandchild cannot become the parent either');
    const unknown = await create(admin, {
      code: code('orphan'),
      nameVi: 'Mồ côi',
      kind: 'other',
      parentId: 999999,
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal((unknown.json() as ApiError).error.fields?.[0]?.field, 'parentId');
  });

  test('invalid input gets 400 with field messages in Vietnamese or English by Accept-Language', async () => {
    const body = { code: '', nameVi: '  ', kind: 'ministry', email: 'not-an-email' };
    const vi = await create(admin, body, { 'accept-language': 'vi-VN,vi;q=0.9' });
    assert.equal(vi.statusCode, 400);
    const viFields = Object.fromEntries(
      ((vi.json() as ApiError).error.fields ?? []).map((f) => [f.field, f.message]),
    );
    assert.equal(viFields.code, 'Nhập mã cơ quan');
    assert.equal(viFields.nameVi, 'Nhập tên tiếng Việt của cơ quan');
    assert.equal(viFields.kind, 'Chọn loại cơ quan');
    assert.match(viFields.email ?? '', /Nhập email đúng dạng/);
    const en = await create(admin, body, { 'accept-language': 'en-GB,en;q=0.8' });
    const enFields = Object.fromEntries(
      ((en.json() as ApiError).error.fields ?? []).map((f) => [f.field, f.message]),
    );
    assert.equal(enFields.code, 'Enter the agency code');
    assert.equal(enFields.kind, 'Choose the type of agency');
    const first = await createOk('dup', null);
    const dup = await create(admin, { code: first.code.toLowerCase(), nameVi: 'Trùng mã', kind: 'other' });
    assert.equal(dup.statusCode, 400);
    assert.deepEqual((dup.json() as ApiError).error.fields, [
      { field: 'code', message: 'Mã này đã được dùng cho một cơ quan khác' },
    ]);
  });

  test('an agency editor is confined to their own subtree; a refusal writes no audit row', async () => {
    const { root, a, a1, b } = await makeTree();
    const editor = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: a.id })).email,
    );
    const auditBefore = await countRows(t.database, 'audit_log');

    const other = await patch(editor, b.id, { nameVi: 'Không được sửa', rowVersion: b.rowVersion });
    assert.equal(other.statusCode, 403);
    const outside = await create(editor, {
      code: code('x'),
      nameVi: 'Ngoài phạm vi',
      kind: 'other',
      parentId: b.id,
    });
    assert.equal(outside.statusCode, 403);
    const topLevel = await create(editor, { code: code('y'), nameVi: 'Cấp cao nhất', kind: 'other' });
    assert.equal(topLevel.statusCode, 403);
    const moveOut = await patch(editor, a1.id, { parentId: root.id, rowVersion: a1.rowVersion });
    assert.equal(moveOut.statusCode, 403);
    const switchOffOwn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${a.id}/deactivate`,
      headers: editor.headers(),
    });
    assert.equal(switchOffOwn.statusCode, 403);
    assert.equal(await countRows(t.database, 'audit_log'), auditBefore, 'refused changes leave no audit row');
    const unchanged = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${b.id}` });
    assert.equal((unchanged.json() as Agency).nameVi, b.nameVi);

    const sub = await patch(editor, a1.id, { nameVi: 'Đơn vị A1 (đã sửa)', rowVersion: a1.rowVersion });
    assert.equal(sub.statusCode, 200, sub.body);
    const child = await create(editor, {
      code: code('A2'),
      nameVi: 'Đơn vị A2',
      kind: 'other',
      parentId: a.id,
    });
    assert.equal(child.statusCode, 201, child.body);
    assert.equal(await countRows(t.database, 'audit_log'), auditBefore + 2);

    const viewer = await login(
      t.app,
      (await createTestUser(t.database, 'agency_viewer', { agencyId: a.id })).email,
    );
    const viewerPatch = await patch(viewer, a1.id, { nameVi: 'x', rowVersion: 2 });
    assert.equal(viewerPatch.statusCode, 403);
  });

  test('an agency with active units below it cannot be deactivated; a leaf can, and back', async () => {
    const { a, a1 } = await makeTree();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${a.id}/deactivate`,
      headers: admin.headers(),
    });
    assert.equal(refused.statusCode, 400);
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${a1.id}/deactivate`,
      headers: admin.headers(),
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((off.json() as Agency).active, false);
    const under = await create(admin, {
      code: code('under-off'),
      nameVi: 'Dưới đơn vị đã tắt',
      kind: 'other',
      parentId: a1.id,
    });
    assert.equal(under.statusCode, 400);
    const on = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${a1.id}/activate`,
      headers: admin.headers(),
      payload: { rowVersion: (off.json() as Agency).rowVersion },
    });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal((on.json() as Agency).active, true);
  });

  test('anonymous writes are refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { code: code('anon'), nameVi: 'Ẩn danh', kind: 'other' },
    });
    assert.equal(res.statusCode, 401);
  });
});

describe('agency admin pages', () => {
  const form = (session: Session, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
    });

  test('an administrator sees the indented tree and adds an agency through the form', async () => {
    const { root, a1 } = await makeTree();
    const list = await t.app.inject({
      method: 'GET',
      url: '/admin/agencies',
      headers: { cookie: admin.cookie },
    });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Cơ quan, đơn vị/);
    assert.match(list.body, new RegExp(`href="/admin/agencies/${a1.id}"`));
    assert.match(list.body, /UBND tỉnh Thái Nguyên|Đơn vị root/);

    const newCode = code('form');
    const created = await form(admin, '/admin/agencies', {
      code: newCode,
      nameVi: 'Ban quản lý thử nghiệm',
      nameEn: '',
      shortName: '',
      kind: 'other',
      parentId: String(root.id),
      adminUnitId: '',
      email: '',
      phone: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    assert.match(created.headers.location as string, /^\/admin\/agencies\/\d+\?created=1$/);
    const page = await t.app.inject({
      method: 'GET',
      url: created.headers.location as string,
      headers: { cookie: admin.cookie },
    });
    assert.match(page.body, /Đã thêm cơ quan/);
    assert.match(page.body, /Ban quản lý thử nghiệm/);
  });

  test('form errors re-render with an error summary, the input kept and status 400', async () => {
    const res = await form(admin, '/admin/agencies', {
      code: 'có dấu cách',
      nameVi: 'Giữ lại tên này',
      kind: 'other',
      parentId: '',
      email: 'sai',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#f-code"/);
    assert.match(res.body, /value="Giữ lại tên này"/);
    assert.match(res.body, /value="có dấu cách"/);
  });

  test('a stale edit form gets 409 with the message and the input kept', async () => {
    const agency = await createOk('stale-form', null);
    await patch(admin, agency.id, { nameVi: 'Người khác sửa', rowVersion: agency.rowVersion });
    const res = await form(admin, `/admin/agencies/${agency.id}`, {
      code: agency.code,
      nameVi: 'Bản sửa của tôi',
      kind: 'other',
      parentId: '',
      rowVersion: String(agency.rowVersion),
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /người khác thay đổi/);
    assert.match(res.body, /value="Bản sửa của tôi"/);
  });

  test('an agency editor sees only their subtree and cannot open an agency outside it', async () => {
    const { a, a1, b } = await makeTree();
    const editor = await login(
      t.app,
      (await createTestUser(t.database, 'agency_editor', { agencyId: a.id })).email,
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/admin/agencies',
      headers: { cookie: editor.cookie },
    });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`/admin/agencies/${a1.id}"`));
    assert.doesNotMatch(list.body, new RegExp(`/admin/agencies/${b.id}"`));
    const outside = await t.app.inject({
      method: 'GET',
      url: `/admin/agencies/${b.id}`,
      headers: { cookie: editor.cookie, accept: 'text/html' },
    });
    assert.equal(outside.statusCode, 403);
    const inside = await t.app.inject({
      method: 'GET',
      url: `/admin/agencies/${a1.id}`,
      headers: { cookie: editor.cookie },
    });
    assert.equal(inside.statusCode, 200);
    const viewer = await login(
      t.app,
      (await createTestUser(t.database, 'agency_viewer', { agencyId: a.id })).email,
    );
    const denied = await t.app.inject({
      method: 'GET',
      url: '/admin/agencies',
      headers: { cookie: viewer.cookie, accept: 'text/html' },
    });
    assert.equal(denied.statusCode, 403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/agencies' });
    assert.equal(anonymous.statusCode, 303);
  });
});
