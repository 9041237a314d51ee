// Journey: a planner creates a programme with 3 tasks for 2 agencies; agency A's
// editor sees only its own, submits a report with a PDF; the planner returns it;
// the editor resubmits; the planner approves; the programme's progress changes by
// the documented rule; an overdue task shows as overdue and its reminder is in the outbox.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { agencies } from '../../src/modules/agencies/schema.ts';
import { addDays } from '../../src/modules/implementation/rules.ts';
import { todayIn } from '../../src/modules/notifications/daily-job.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;
const PASSWORD = 'mat-khau-thu-nghiem-2026';
const PLANNER = 'kehoach@thainguyen.test';
const EDITOR_A = 'canbo.a@thainguyen.test';
const ADMIN = 'quantri@thainguyen.test';
let pdfPath = '';

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  const db = env.database.db;
  const [a] = await db
    .insert(agencies)
    .values([
      { code: 'THU-A', nameVi: 'Cơ quan thử A', kind: 'department', email: 'co-quan-a@thainguyen.test' },
      { code: 'THU-B', nameVi: 'Cơ quan thử B', kind: 'department' },
    ])
    .returning();
  const actor = systemActor('test');
  await createUser(db, actor, {
    email: PLANNER,
    displayName: 'Cán bộ kế hoạch',
    role: 'planner',
    password: PASSWORD,
  });
  await createUser(db, actor, { email: ADMIN, displayName: 'Quản trị', role: 'admin', password: PASSWORD });
  await createUser(db, actor, {
    email: EDITOR_A,
    displayName: 'Cán bộ A',
    role: 'agency_editor',
    agencyId: a!.id,
    password: PASSWORD,
  });
  pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-')), 'bien-ban.pdf');
  fs.writeFileSync(pdfPath, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
});
after(async () => {
  await env?.close();
});

test('programme, tasks, report with PDF, return, resubmit, approve, roll-up, overdue reminder', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage({ width: 1200, height: 900 });
  const signIn = async (email: string) => {
    await page.goto('/login');
    await page.getByLabel('Địa chỉ email').fill(email);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
  };
  const today = todayIn();

  await signIn(PLANNER);
  await page.goto('/workspace/programmes');
  await page.getByLabel('Mã').fill('CT-THU');
  await page.getByLabel('Tên', { exact: true }).fill('Chương trình thử nghiệm');
  await page.getByRole('button', { name: 'Thêm chương trình' }).click();
  await page.getByText('Đã thêm chương trình.').waitFor();
  const programmeUrl = new URL(page.url()).pathname;

  const tasks = [
    {
      title: 'Lập quy hoạch chung đô thị thử',
      agency: 'Cơ quan thử A',
      start: addDays(today, -30),
      due: addDays(today, 60),
    },
    {
      title: 'Nhiệm vụ của cơ quan B',
      agency: 'Cơ quan thử B',
      start: addDays(today, -30),
      due: addDays(today, 60),
    },
    {
      title: 'Nhiệm vụ đã quá hạn của A',
      agency: 'Cơ quan thử A',
      start: addDays(today, -90),
      due: addDays(today, -3),
    },
  ];
  for (const t of tasks) {
    await page.getByLabel('Tên', { exact: true }).fill(t.title);
    await page.getByLabel('Cơ quan chủ trì').selectOption({ label: t.agency });
    await page.getByLabel('Ngày bắt đầu').fill(t.start);
    await page.getByLabel('Hạn hoàn thành').fill(t.due);
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await page.getByText('Đã thêm nhiệm vụ.').waitFor();
  }
  assert.ok(await page.getByText('Chưa có nhiệm vụ nào được báo cáo').isVisible());
  await signOut();

  // Agency A's editor sees only A's tasks.
  await signIn(EDITOR_A);
  await page.goto('/workspace/tasks');
  const table = page.locator('table');
  assert.ok(await table.getByText('Lập quy hoạch chung đô thị thử').isVisible());
  assert.ok(await table.getByText('Nhiệm vụ đã quá hạn của A').isVisible());
  assert.equal(await table.getByText('Nhiệm vụ của cơ quan B').count(), 0);
  await page.goto('/workspace');
  assert.ok(await page.getByRole('link', { name: 'Nhiệm vụ đã quá hạn của A' }).isVisible());

  await page.goto('/workspace/tasks');
  await page.getByRole('link', { name: 'Lập quy hoạch chung đô thị thử' }).click();
  await page.getByLabel('Kỳ báo cáo').fill('2026-Q3');
  await page.getByLabel('Tiến độ (%)').fill('40');
  await page.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành đề cương nhiệm vụ');
  await page.getByLabel('Tài liệu minh chứng').setInputFiles(pdfPath);
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã gửi báo cáo để duyệt.').waitFor();
  assert.ok(await page.getByRole('link', { name: 'bien-ban.pdf' }).isVisible());
  const taskUrl = new URL(page.url()).pathname;
  await signOut();

  // The planner returns it.
  await signIn(PLANNER);
  await page.goto('/workspace/reports');
  await page.getByRole('link', { name: 'Lập quy hoạch chung đô thị thử' }).click();
  await page.getByLabel('Ý kiến của người duyệt').fill('Bổ sung biên bản nghiệm thu');
  await page.getByRole('button', { name: 'Trả lại' }).click();
  await page.getByText('Đã trả lại báo cáo.').waitFor();
  await signOut();

  // The editor sees it returned and resubmits.
  await signIn(EDITOR_A);
  await page.goto('/workspace');
  await page.getByText('Bổ sung biên bản nghiệm thu').waitFor();
  await page.goto(taskUrl);
  await page.getByRole('heading', { name: 'Sửa và gửi lại báo cáo' }).waitFor();
  await page.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành đề cương; bổ sung biên bản nghiệm thu');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã gửi báo cáo để duyệt.').waitFor();
  await signOut();

  // The planner approves; the programme's progress follows the rule.
  await signIn(PLANNER);
  await page.goto(taskUrl);
  await page.getByRole('button', { name: 'Duyệt' }).click();
  await page.getByText('Đã duyệt báo cáo.').waitFor();
  await page.goto(programmeUrl);
  const how = await page.locator('.rollup__how').textContent();
  // One task reported at 40%; two left out as "chưa báo cáo" → 40%, on 1/3 tasks.
  assert.match(how ?? '', /1\/3 nhiệm vụ/);
  assert.match(how ?? '', /2 chưa báo cáo/);
  assert.equal(await page.locator('.rollup [role=progressbar]').getAttribute('aria-valuenow'), '40');
  // The overdue task shows as overdue.
  const overdueRow = page.locator('table tr', { hasText: 'Nhiệm vụ đã quá hạn của A' });
  assert.ok(await overdueRow.getByText('Quá hạn', { exact: true }).isVisible());
  await signOut();

  // The daily deadline check queues the reminder; an admin reads it in the outbox.
  await signIn(ADMIN);
  await page.goto('/admin/outbox');
  await page.getByRole('button', { name: 'Chạy kiểm tra hạn hôm nay' }).click();
  await page.getByText('Đã chạy kiểm tra hạn').waitFor();
  const row = page.locator('table tr', { hasText: 'Quá hạn: nhiệm vụ "Nhiệm vụ đã quá hạn của A"' });
  // To agency A (its address and its editor), never to B.
  assert.equal(await row.filter({ hasText: 'co-quan-a@thainguyen.test' }).count(), 1);
  assert.equal(await row.filter({ hasText: EDITOR_A }).count(), 1);
});
