// The authorisation matrix. Every route of the app's route table is called as
// anonymous and as each role, and the answer is checked against the declared
// policy (authorization-policy.ts): a caller the policy refuses gets 401/403
// (or, for a page, the way to the login form); a caller it allows is never
// refused. Routes scoped to an agency are then called on records of agency A by
// an editor of agency B (refused) and of agency A itself (not refused).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Role } from '../../src/kernel/http/context.ts';
import { agencies } from '../../src/modules/agencies/schema.ts';
import { reportFiles } from '../../src/modules/implementation/schema.ts';
import { indicators } from '../../src/modules/indicators/schema.ts';
import { planItems } from '../../src/modules/plan/schema.ts';
import { projects } from '../../src/modules/projects/schema.ts';
import { createTestUser, login, type Session, startTestApp, type TestApp } from '../helpers/app.ts';
import { POLICY, type Policy } from './authorization-policy.ts';

const ROLES: Role[] = ['admin', 'planner', 'leader', 'moderator', 'agency_editor', 'agency_viewer'];
const LOGS_OUT = new Set(['POST /logout', 'POST /api/v1/auth/logout']);
/** Values for path parameters that name no record: the access decision comes before any lookup. */
const PARAM_VALUES: Record<string, string> = {
  id: '987654',
  slug: 'khong-co-muc-nay',
  code: 'khong-co-chi-tieu',
  layerType: 'khong-co-lop',
  section: 'khong-co-muc',
  period: '2025',
  file: 'khong-co.docx',
};

function fillPath(url: string, values: Record<string, string> = PARAM_VALUES): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) => values[name] ?? '987654');
}

function allows(policy: Policy, role: Role | null): boolean {
  if (policy.allowed === 'public') return true;
  if (role === null) return false;
  return policy.allowed === 'signed-in' || policy.allowed.includes(role);
}

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

function isRefusal(res: Answer, anonymous: boolean): boolean {
  if (res.statusCode === 401 || res.statusCode === 403) return true;
  const location = String(res.headers.location ?? '');
  return anonymous && res.statusCode === 303 && location.startsWith('/login');
}

let t: TestApp;
let agencyA: number;
let agencyA1: number;
let agencyB: number;
const emails = new Map<Role, string>();
const sessions = new Map<Role, Session>();
let fixtures: Fixtures;

before(async () => {
  t = await startTestApp({
    seeded: true,
    config: {
      loginRateLimitPerMinute: 100_000,
      dataDir: `${process.cwd()}/.test-cache/authz-${process.pid}`,
    },
  });
  const [a, b] = await t.database.db
    .insert(agencies)
    .values([
      { code: 'AUTHZ-A', nameVi: 'Cơ quan A (thử nghiệm)', kind: 'department' },
      { code: 'AUTHZ-B', nameVi: 'Cơ quan B (thử nghiệm)', kind: 'department' },
    ])
    .returning();
  agencyA = a!.id;
  agencyB = b!.id;
  const [a1] = await t.database.db
    .insert(agencies)
    .values({ code: 'AUTHZ-A1', nameVi: 'Phòng thuộc A (thử nghiệm)', kind: 'department', parentId: agencyA })
    .returning();
  agencyA1 = a1!.id;
  for (const role of ROLES) {
    const agencyId = role.startsWith('agency_') ? agencyA : undefined;
    const user = await createTestUser(t.database, role, { agencyId });
    emails.set(role, user.email);
    sessions.set(role, await login(t.app, user.email));
  }
  // Built first: the generic pass below spends the anonymous comment rate limit.
  fixtures = await buildFixtures();
});
after(async () => t.close());

async function call(
  method: string,
  url: string,
  session: Session | null,
  payload?: string | Buffer | Record<string, unknown>,
  contentType = 'application/json',
): Promise<Answer> {
  const writes = !['GET', 'HEAD'].includes(method);
  const headers: Record<string, string> = { accept: 'text/html' };
  if (writes) headers['content-type'] = contentType;
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: session ? session.headers(headers) : headers,
    payload: writes ? (payload ?? {}) : undefined,
  });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

describe('authorisation policy table', () => {
  test('every route has a policy entry, and every entry names a route', () => {
    const routes = t.app.routeTable.filter((r) => !r.fromPlugin && r.method !== 'HEAD');
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const missing = [...keys].filter((k) => !(k in POLICY));
    assert.deepEqual(missing, [], `routes without an entry in test/reliability/authorization-policy.ts`);
    const stale = Object.keys(POLICY).filter((k) => !keys.has(k));
    assert.deepEqual(stale, [], 'policy entries for routes that no longer exist');
  });
});

describe('authorisation matrix: every route × anonymous and each role', () => {
  test('refused callers get 401/403 (or the login page); allowed callers are never refused', async () => {
    const routes = t.app.routeTable.filter((r) => !r.fromPlugin && r.method !== 'HEAD');
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const policy = POLICY[key];
      if (!policy) continue; // reported by the table test
      for (const role of [null, ...ROLES]) {
        const session = role ? sessions.get(role)! : null;
        const res = await call(route.method, fillPath(route.url), session);
        calls++;
        const refused = isRefusal(res, role === null);
        const allowed = allows(policy, role);
        const scopedRefusal =
          allowed && refused && policy.agencyScoped && (role === 'agency_editor' || role === 'agency_viewer');
        if (allowed && refused && !scopedRefusal)
          wrong.push(`${key} as ${role ?? 'anonymous'}: refused (${res.statusCode}) but the policy allows`);
        if (!allowed && !refused)
          wrong.push(`${key} as ${role ?? 'anonymous'}: answered ${res.statusCode} but the policy refuses`);
        if (role && LOGS_OUT.has(key)) sessions.set(role, await login(t.app, emails.get(role)!));
      }
    }
    console.log(
      `# authorisation matrix: ${routes.length} routes × ${ROLES.length + 1} callers = ${calls} calls`,
    );
    assert.deepEqual(wrong, []);
  });
});

// ---------------------------------------------------------------------------
// Agency scope: an editor of agency B against records of agency A.

type ScopedCall = { method: string; url: string; payload?: string | Buffer; contentType?: string };
type Fixtures = {
  taskId: number;
  reportId: number;
  fileId: number;
  commentId: number;
  indicatorCode: string;
  programmeId: number;
  projectId: number;
};

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }) {
  const boundary = `----authz${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const json = (v: unknown) => JSON.stringify(v);
const form = (v: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(v).map(([k, x]) => [k, String(x)])).toString();
const FORM = 'application/x-www-form-urlencoded';

async function agencyRowVersion(id: number): Promise<number> {
  const [row] = await t.database.db.select().from(agencies).where(eq(agencies.id, id));
  return row!.rowVersion;
}

async function taskRowVersion(id: number): Promise<number> {
  const res = await t.app.inject({ url: `/api/v1/tasks/${id}`, headers: sessions.get('planner')!.headers() });
  return (res.json() as { rowVersion: number }).rowVersion;
}

async function projectRowVersion(id: number): Promise<number> {
  const [row] = await t.database.db.select().from(projects).where(eq(projects.id, id));
  return row!.rowVersion;
}

async function reportRowVersion(id: number): Promise<number> {
  const res = await t.app.inject({
    url: `/api/v1/reports/${id}`,
    headers: sessions.get('planner')!.headers(),
  });
  return (res.json() as { rowVersion: number }).rowVersion;
}

/** One request per agency-scoped route, aimed at a record of agency A; built fresh for each caller. */
const SCOPED: Record<string, (f: Fixtures, s: Session) => Promise<ScopedCall>> = {
  'POST /api/v1/agencies': async () => ({
    method: 'POST',
    url: '/api/v1/agencies',
    payload: json({
      code: `AUTHZ-N${Date.now()}`,
      nameVi: 'Đơn vị mới',
      kind: 'department',
      parentId: agencyA1,
    }),
  }),
  'PATCH /api/v1/agencies/:id': async () => ({
    method: 'PATCH',
    url: `/api/v1/agencies/${agencyA1}`,
    payload: json({ phone: '0208 000 000', rowVersion: await agencyRowVersion(agencyA1) }),
  }),
  'POST /api/v1/agencies/:id/deactivate': async () => ({
    method: 'POST',
    url: `/api/v1/agencies/${agencyA1}/deactivate`,
    payload: json({ rowVersion: await agencyRowVersion(agencyA1) }),
  }),
  'POST /api/v1/agencies/:id/activate': async () => ({
    method: 'POST',
    url: `/api/v1/agencies/${agencyA1}/activate`,
    payload: json({ rowVersion: await agencyRowVersion(agencyA1) }),
  }),
  'GET /admin/agencies/:id': async () => ({ method: 'GET', url: `/admin/agencies/${agencyA1}` }),
  'POST /admin/agencies': async (_f, s) => ({
    method: 'POST',
    url: '/admin/agencies',
    contentType: FORM,
    payload: form({
      _csrf: s.csrfToken,
      code: `AUTHZ-F${Date.now()}`,
      nameVi: 'Đơn vị mới',
      kind: 'department',
      parentId: agencyA1,
    }),
  }),
  'POST /admin/agencies/:id': async (_f, s) => ({
    method: 'POST',
    url: `/admin/agencies/${agencyA1}`,
    contentType: FORM,
    payload: form({
      _csrf: s.csrfToken,
      code: 'AUTHZ-A1',
      nameVi: 'Phòng thuộc A (thử nghiệm)',
      kind: 'department',
      parentId: agencyA,
      rowVersion: await agencyRowVersion(agencyA1),
    }),
  }),
  'POST /admin/agencies/:id/deactivate': async (_f, s) => ({
    method: 'POST',
    url: `/admin/agencies/${agencyA1}/deactivate`,
    contentType: FORM,
    payload: form({ _csrf: s.csrfToken, rowVersion: await agencyRowVersion(agencyA1) }),
  }),
  'POST /admin/agencies/:id/activate': async (_f, s) => ({
    method: 'POST',
    url: `/admin/agencies/${agencyA1}/activate`,
    contentType: FORM,
    payload: form({ _csrf: s.csrfToken, rowVersion: await agencyRowVersion(agencyA1) }),
  }),
  'POST /api/v1/comments/:id/reply': async (f) => ({
    method: 'POST',
    url: `/api/v1/comments/${f.commentId}/reply`,
    payload: json({ body: 'Trả lời chính thức của cơ quan.' }),
  }),
  'POST /admin/y-kien/:id/reply': async (f, s) => ({
    method: 'POST',
    url: `/admin/y-kien/${f.commentId}/reply`,
    contentType: FORM,
    payload: form({ _csrf: s.csrfToken, body: 'Trả lời chính thức của cơ quan.' }),
  }),
  'POST /api/v1/indicators/:code/observations': async (f) => ({
    method: 'POST',
    url: `/api/v1/indicators/${f.indicatorCode}/observations`,
    payload: json({ year: 2025, value: 1, note: 'mẫu kiểm thử phân quyền' }),
  }),
  'POST /indicators/:code/observations': async (f, s) => ({
    method: 'POST',
    url: `/indicators/${f.indicatorCode}/observations`,
    contentType: FORM,
    payload: form({ _csrf: s.csrfToken, year: 2026, value: '1', note: 'mẫu kiểm thử phân quyền' }),
  }),
  'POST /api/v1/tasks': async (f) => ({
    method: 'POST',
    url: '/api/v1/tasks',
    payload: json({ programmeId: f.programmeId, title: 'Nhiệm vụ mới của A', leadAgencyId: agencyA }),
  }),
  'GET /api/v1/tasks/:id': async (f) => ({ method: 'GET', url: `/api/v1/tasks/${f.taskId}` }),
  'PATCH /api/v1/tasks/:id': async (f) => ({
    method: 'PATCH',
    url: `/api/v1/tasks/${f.taskId}`,
    payload: json({ product: 'Báo cáo', rowVersion: await taskRowVersion(f.taskId) }),
  }),
  'POST /api/v1/tasks/:id/reports': async (f) => {
    const m = multipart({ period: '2026-Q1', progress: '10', narrative: 'Tiến độ quý', submit: 'false' });
    return { method: 'POST', url: `/api/v1/tasks/${f.taskId}/reports`, ...m };
  },
  'GET /api/v1/reports/:id': async (f) => ({ method: 'GET', url: `/api/v1/reports/${f.reportId}` }),
  'GET /workspace/tasks/:id': async (f) => ({ method: 'GET', url: `/workspace/tasks/${f.taskId}` }),
  'POST /workspace/tasks/:id/reports': async (f, s) => {
    const m = multipart({
      _csrf: s.csrfToken,
      period: '2026-Q2',
      progress: '10',
      narrative: 'Tiến độ quý',
      submit: 'false',
    });
    return { method: 'POST', url: `/workspace/tasks/${f.taskId}/reports`, ...m };
  },
  'POST /workspace/reports/:id/revise': async (f, s) => {
    const m = multipart({
      _csrf: s.csrfToken,
      period: '2026-03',
      progress: '20',
      narrative: 'Bổ sung',
      submit: 'false',
      rowVersion: String(await reportRowVersion(f.reportId)),
    });
    return { method: 'POST', url: `/workspace/reports/${f.reportId}/revise`, ...m };
  },
  'GET /workspace/files/:id': async (f) => ({ method: 'GET', url: `/workspace/files/${f.fileId}` }),
  'GET /workspace/tasks/:id/edit': async (f) => ({ method: 'GET', url: `/workspace/tasks/${f.taskId}/edit` }),
  'POST /workspace/tasks/:id/edit': async (f, s) => ({
    method: 'POST',
    url: `/workspace/tasks/${f.taskId}/edit`,
    contentType: FORM,
    payload: form({
      _csrf: s.csrfToken,
      title: 'Nhiệm vụ riêng của A',
      leadAgencyId: agencyA,
      status: 'in_progress',
      rowVersion: await taskRowVersion(f.taskId),
    }),
  }),
  'PATCH /api/v1/projects/:id': async (f) => ({
    method: 'PATCH',
    url: `/api/v1/projects/${f.projectId}`,
    payload: json({
      statusNote: 'Đang giải phóng mặt bằng',
      rowVersion: await projectRowVersion(f.projectId),
    }),
  }),
  'GET /workspace/projects/:id/edit': async (f) => ({
    method: 'GET',
    url: `/workspace/projects/${f.projectId}/edit`,
  }),
  'POST /workspace/projects/:id/edit': async (f, s) => ({
    method: 'POST',
    url: `/workspace/projects/${f.projectId}/edit`,
    contentType: FORM,
    payload: form({
      _csrf: s.csrfToken,
      statusNote: 'Đang giải phóng mặt bằng',
      rowVersion: await projectRowVersion(f.projectId),
    }),
  }),
  'POST /workspace/tasks/bulk': async (f, s) => ({
    method: 'POST',
    url: '/workspace/tasks/bulk',
    contentType: FORM,
    payload: form({ _csrf: s.csrfToken, ids: f.taskId, status: 'in_progress' }),
  }),
};

async function buildFixtures(): Promise<Fixtures> {
  const planner = sessions.get('planner')!;
  const editorA = sessions.get('agency_editor')!;
  const programme = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programmes',
    headers: planner.headers(),
    payload: { code: 'AUTHZ-CT', title: 'Chương trình kiểm thử phân quyền' },
  });
  assert.equal(programme.statusCode, 201, programme.body);
  const programmeId = (programme.json() as { id: number }).id;
  const task = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: planner.headers(),
    payload: { programmeId, title: 'Nhiệm vụ riêng của A', leadAgencyId: agencyA, isPublic: false },
  });
  assert.equal(task.statusCode, 201, task.body);
  const taskId = (task.json() as { id: number }).id;
  const m = multipart(
    { period: '2026-03', progress: '10', narrative: 'Đã lập đề cương' },
    { name: 'bien-ban.pdf', bytes: PDF, type: 'application/pdf' },
  );
  const report = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tasks/${taskId}/reports`,
    headers: editorA.headers({ 'content-type': m.contentType }),
    payload: m.payload,
  });
  assert.equal(report.statusCode, 201, report.body);
  const reportBody = report.json() as { id: number; rowVersion: number };
  const [file] = await t.database.db
    .select()
    .from(reportFiles)
    .where(eq(reportFiles.reportId, reportBody.id));
  const returned = await t.app.inject({
    method: 'POST',
    url: `/api/v1/reports/${reportBody.id}/return`,
    headers: planner.headers(),
    payload: { rowVersion: reportBody.rowVersion, comment: 'Bổ sung minh chứng' },
  });
  assert.equal(returned.statusCode, 200, returned.body);

  const [item] = await t.database.db.select().from(planItems).limit(1);
  await t.database.db
    .update(planItems)
    .set({ responsibleAgencyId: agencyA })
    .where(eq(planItems.id, item!.id));
  const comment = await t.app.inject({
    method: 'POST',
    url: '/api/v1/comments',
    payload: { targetType: 'item', targetId: item!.id, body: 'Xin hỏi tiến độ khu này?' },
  });
  assert.equal(comment.statusCode, 201, comment.body);
  const commentId = (comment.json() as { id: number }).id;
  const approved = await t.app.inject({
    method: 'POST',
    url: `/api/v1/comments/${commentId}/approve`,
    headers: sessions.get('moderator')!.headers(),
    payload: {},
  });
  assert.equal(approved.statusCode, 200, approved.body);

  const [project] = await t.database.db.select().from(projects).limit(1);
  await t.database.db
    .update(projects)
    .set({ responsibleAgencyId: agencyA })
    .where(eq(projects.id, project!.id));

  const [indicator] = await t.database.db.select().from(indicators).limit(1);
  await t.database.db
    .update(indicators)
    .set({ responsibleAgencyId: agencyA })
    .where(eq(indicators.id, indicator!.id));

  return {
    taskId,
    reportId: reportBody.id,
    fileId: file!.id,
    commentId,
    indicatorCode: indicator!.code,
    programmeId,
    projectId: project!.id,
  };
}

describe('authorisation matrix: an editor of another agency', () => {
  test('every agency-scoped route has a request aimed at agency A', () => {
    const scoped = Object.entries(POLICY)
      .filter(([, p]) => p.agencyScoped)
      .map(([k]) => k);
    assert.deepEqual(
      scoped.filter((k) => !(k in SCOPED)),
      [],
      'agency-scoped routes without a request in authorization.test.ts',
    );
  });

  test("agency B's editor is refused on agency A's records; agency A's own editor is not", async () => {
    const outsiderUser = await createTestUser(t.database, 'agency_editor', { agencyId: agencyB });
    const outsider = await login(t.app, outsiderUser.email);
    const insider = sessions.get('agency_editor')!;
    const wrong: string[] = [];
    for (const [key, build] of Object.entries(SCOPED)) {
      const asOutsider = await build(fixtures, outsider);
      const refused = await call(
        asOutsider.method,
        asOutsider.url,
        outsider,
        asOutsider.payload,
        asOutsider.contentType,
      );
      if (![403, 404].includes(refused.statusCode))
        wrong.push(`${key} as agency B's editor: ${refused.statusCode} ${refused.body.slice(0, 200)}`);
      const asInsider = await build(fixtures, insider);
      const allowed = await call(
        asInsider.method,
        asInsider.url,
        insider,
        asInsider.payload,
        asInsider.contentType,
      );
      if (allowed.statusCode === 401 || allowed.statusCode === 403 || allowed.statusCode >= 500)
        wrong.push(`${key} as agency A's editor: ${allowed.statusCode} ${allowed.body.slice(0, 200)}`);
    }
    assert.deepEqual(wrong, []);
  });
});
