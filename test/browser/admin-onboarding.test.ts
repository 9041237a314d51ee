// Journey: an administrator signs in, creates an agency and an agency editor,
// signs out; the new editor signs in with the one-time password and must change it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/kernel/http/context.ts';
import { createUser } from '../../src/modules/accounts/users.ts';
import { type BrowserEnv, skipReason, startBrowserEnv } from './browser.ts';

let env: BrowserEnv;
const ADMIN = { email: 'quantri@thainguyen.test', password: 'mat-khau-quan-tri-2026' };

before(async () => {
  if (skipReason) return;
  env = await startBrowserEnv({ seeded: true });
  await createUser(env.database.db, systemActor('test'), {
    email: ADMIN.email,
    displayName: 'Quản trị viên',
    role: 'admin',
    password: ADMIN.password,
  });
});
after(async () => {
  await env?.close();
});

test('admin creates an agency and its editor; the editor must change the one-time password', {
  skip: skipReason,
}, async () => {
  const page = await env.newPage({ width: 375, height: 800 });

  await page.goto('/login');
  await page.getByLabel('Địa chỉ email').fill(ADMIN.email);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  assert.ok(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible());

  await page.goto('/admin/agencies/new');
  await page.getByLabel('Mã cơ quan').fill('BQL-KCN-19');
  await page.getByLabel('Tên tiếng Việt').fill('Ban Quản lý các khu công nghiệp (thử nghiệm)');
  await page.getByLabel('Loại cơ quan').selectOption({ label: 'Sở, ban, ngành' });
  await page.getByLabel('Cơ quan cấp trên').selectOption({ label: 'UBND tỉnh Thái Nguyên' });
  await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
  await page.getByText('Đã thêm cơ quan.').waitFor();

  await page.goto('/admin/users/new');
  await page.getByLabel('Địa chỉ email').fill('canbo.kcn@thainguyen.test');
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Cán Bộ');
  await page.getByLabel('Vai trò').selectOption({ label: 'Cán bộ cập nhật của cơ quan' });
  await page
    .getByLabel('Cơ quan', { exact: true })
    .selectOption({ label: 'Ban Quản lý các khu công nghiệp (thử nghiệm)' });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const oneTimePassword = (await page.locator('code.secret').textContent())?.trim() ?? '';
  assert.match(oneTimePassword, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByText('Bạn đã đăng xuất.').waitFor();

  await page.getByLabel('Địa chỉ email').fill('canbo.kcn@thainguyen.test');
  await page.getByLabel('Mật khẩu').fill(oneTimePassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/account/password');
  await page.getByText('Bạn đang dùng mật khẩu dùng một lần').waitFor();

  // Anything else leads back to the password change until it is done.
  await page.goto('/account');
  assert.equal(new URL(page.url()).pathname, '/account/password');

  await page.getByLabel('Mật khẩu hiện tại').fill(oneTimePassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByRole('link', { name: 'Mật khẩu phải có ít nhất 10 ký tự' }).waitFor();

  await page.getByLabel('Mật khẩu hiện tại').fill(oneTimePassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('cay-tra-xanh-dinh-hoa');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('cay-tra-xanh-dinh-hoa');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Đã đổi mật khẩu.').waitFor();
  assert.ok(await page.getByText('Ban Quản lý các khu công nghiệp (thử nghiệm)').isVisible());
});
