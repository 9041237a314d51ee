import type { MessageBundle } from '../../kernel/i18n/index.ts';

/** Messages of the staff area's landing page and the user administration pages. */
export const accountsAdminMessages: MessageBundle = {
  vi: {
    'accounts.admin.home.title': 'Quản trị',
    'accounts.admin.home.intro': 'Các phần quản trị dành cho vai trò của bạn.',
    'accounts.admin.home.none': 'Chưa có phần quản trị nào dành cho vai trò của bạn.',
    'accounts.admin.nav': 'Người dùng',
    'accounts.admin.nav.description':
      'Tài khoản cán bộ: tạo mới, giao vai trò và cơ quan, khoá tài khoản, cấp lại mật khẩu.',
    'accounts.admin.users.title': 'Người dùng',
    'accounts.admin.users.intro':
      'Tài khoản của cán bộ các cơ quan. Người dân không cần tài khoản để xem quy hoạch.',
    'accounts.admin.users.add': 'Thêm người dùng',
    'accounts.admin.users.count': 'Có {count} tài khoản khớp bộ lọc.',
    'accounts.admin.users.none': 'Không có tài khoản nào khớp bộ lọc.',
    'accounts.admin.filter.q': 'Tên hoặc email',
    'accounts.admin.filter.role': 'Vai trò',
    'accounts.admin.filter.agency': 'Cơ quan',
    'accounts.admin.filter.active': 'Trạng thái',
    'accounts.admin.field.email': 'Địa chỉ email',
    'accounts.admin.field.emailHint': 'Dùng để đăng nhập. Không đổi được sau khi tạo tài khoản.',
    'accounts.admin.field.displayName': 'Họ và tên',
    'accounts.admin.field.role': 'Vai trò',
    'accounts.admin.field.roleHint': 'Cán bộ cập nhật và cán bộ xem của cơ quan phải thuộc một cơ quan.',
    'accounts.admin.field.roleChoose': '— Chọn vai trò —',
    'accounts.admin.field.agency': 'Cơ quan',
    'accounts.admin.field.agencyHint':
      'Cán bộ cập nhật chỉ sửa được dữ liệu của cơ quan này và các đơn vị trực thuộc.',
    'accounts.admin.field.agencyNone': '— Không thuộc cơ quan nào —',
    'accounts.admin.field.status': 'Trạng thái',
    'accounts.admin.field.lastLogin': 'Đăng nhập lần cuối',
    'accounts.admin.field.never': 'Chưa đăng nhập',
    'accounts.admin.status.active': 'Đang dùng',
    'accounts.admin.status.inactive': 'Đã khoá',
    'accounts.admin.status.mustChange': 'Chưa đổi mật khẩu dùng một lần',
    'accounts.admin.create.title': 'Thêm người dùng',
    'accounts.admin.create.intro':
      'Hệ thống tạo một mật khẩu dùng một lần và hiện cho bạn ở bước sau. Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.',
    'accounts.admin.create.submit': 'Tạo tài khoản',
    'accounts.admin.otp.createdTitle': 'Đã tạo tài khoản',
    'accounts.admin.otp.resetTitle': 'Đã cấp lại mật khẩu',
    'accounts.admin.otp.createdFor': 'Tài khoản của {name} ({email}) đã được tạo.',
    'accounts.admin.otp.resetFor':
      'Mật khẩu của {name} ({email}) đã được cấp lại. Các phiên đăng nhập trước đó của người này đã kết thúc.',
    'accounts.admin.otp.label': 'Mật khẩu dùng một lần:',
    'accounts.admin.otp.once':
      'Mật khẩu này chỉ hiện một lần, ngay lúc này. Hệ thống không lưu lại để xem được nữa; nếu làm mất, hãy cấp lại mật khẩu.',
    'accounts.admin.otp.handover':
      'Hãy trao mật khẩu cho đúng người một cách an toàn: đưa tận tay, hoặc đọc qua điện thoại sau khi đã xác minh người nghe. Không gửi mật khẩu cùng với địa chỉ email trong một tin nhắn. Khi đăng nhập lần đầu, người dùng phải đặt mật khẩu mới.',
    'accounts.admin.otp.back': 'Về danh sách người dùng',
    'accounts.admin.otp.toUser': 'Xem tài khoản này',
    'accounts.admin.edit.title': 'Sửa tài khoản',
    'accounts.admin.edit.submit': 'Lưu thay đổi',
    'accounts.admin.edit.rightsNote':
      'Khi đổi vai trò hoặc cơ quan, người dùng bị đăng xuất khỏi mọi phiên đang mở để quyền mới có hiệu lực ngay.',
    'accounts.admin.status.title': 'Khoá hoặc mở tài khoản',
    'accounts.admin.deactivate': 'Khoá tài khoản',
    'accounts.admin.deactivateHint':
      'Tài khoản bị khoá không đăng nhập được; các phiên và mã truy cập API của người này bị huỷ. Lịch sử thay đổi vẫn được giữ.',
    'accounts.admin.activate': 'Mở lại tài khoản',
    'accounts.admin.deactivated': 'Đã khoá tài khoản.',
    'accounts.admin.activated': 'Đã mở lại tài khoản.',
    'accounts.admin.reset.title': 'Cấp lại mật khẩu',
    'accounts.admin.reset.hint':
      'Tạo một mật khẩu dùng một lần mới. Mật khẩu cũ hết hiệu lực và người dùng bị đăng xuất khỏi mọi phiên.',
    'accounts.admin.reset.submit': 'Cấp lại mật khẩu',
    'accounts.admin.history.record': 'Lịch sử thay đổi của tài khoản này',
    'accounts.admin.history.actor': 'Các thay đổi người này đã làm',
  },
  en: {
    'accounts.admin.home.title': 'Administration',
    'accounts.admin.home.intro': 'The administration sections open to your role.',
    'accounts.admin.home.none': 'No administration section is open to your role yet.',
    'accounts.admin.nav': 'Users',
    'accounts.admin.nav.description':
      'Staff accounts: create them, give them a role and an agency, deactivate them, reset passwords.',
    'accounts.admin.users.title': 'Users',
    'accounts.admin.users.intro':
      'Accounts of agency staff. Citizens do not need an account to read the plan.',
    'accounts.admin.users.add': 'Add a user',
    'accounts.admin.users.count': '{count} accounts match the filter.',
    'accounts.admin.users.none': 'No account matches the filter.',
    'accounts.admin.filter.q': 'Name or email',
    'accounts.admin.filter.role': 'Role',
    'accounts.admin.filter.agency': 'Agency',
    'accounts.admin.filter.active': 'Status',
    'accounts.admin.field.email': 'Email address',
    'accounts.admin.field.emailHint': 'Used to sign in. It cannot be changed once the account exists.',
    'accounts.admin.field.displayName': 'Full name',
    'accounts.admin.field.role': 'Role',
    'accounts.admin.field.roleHint': 'Agency editors and agency viewers must belong to an agency.',
    'accounts.admin.field.roleChoose': '— Choose a role —',
    'accounts.admin.field.agency': 'Agency',
    'accounts.admin.field.agencyHint':
      'An agency editor may change only the data of this agency and the units under it.',
    'accounts.admin.field.agencyNone': '— No agency —',
    'accounts.admin.field.status': 'Status',
    'accounts.admin.field.lastLogin': 'Last signed in',
    'accounts.admin.field.never': 'Never signed in',
    'accounts.admin.status.active': 'Active',
    'accounts.admin.status.inactive': 'Deactivated',
    'accounts.admin.status.mustChange': 'Has not changed the one-time password',
    'accounts.admin.create.title': 'Add a user',
    'accounts.admin.create.intro':
      'A one-time password is generated and shown to you on the next page. The user must change it at first sign-in.',
    'accounts.admin.create.submit': 'Create account',
    'accounts.admin.otp.createdTitle': 'Account created',
    'accounts.admin.otp.resetTitle': 'Password reset',
    'accounts.admin.otp.createdFor': 'The account of {name} ({email}) has been created.',
    'accounts.admin.otp.resetFor':
      'The password of {name} ({email}) has been reset. Their earlier sessions have ended.',
    'accounts.admin.otp.label': 'One-time password:',
    'accounts.admin.otp.once':
      'This password is shown only once, now. It is not stored where anyone can see it again; if it is lost, reset the password.',
    'accounts.admin.otp.handover':
      'Hand the password to the right person securely: in person, or read it out by phone after checking who you are speaking to. Do not send the password in the same message as the email address. At first sign-in the user must choose a new password.',
    'accounts.admin.otp.back': 'Back to the list of users',
    'accounts.admin.otp.toUser': 'See this account',
    'accounts.admin.edit.title': 'Change account',
    'accounts.admin.edit.submit': 'Save changes',
    'accounts.admin.edit.rightsNote':
      'When the role or agency changes, the user is signed out of every open session so the new rights apply at once.',
    'accounts.admin.status.title': 'Deactivate or reactivate',
    'accounts.admin.deactivate': 'Deactivate account',
    'accounts.admin.deactivateHint':
      'A deactivated account cannot sign in; its sessions and API tokens are revoked. Its history is kept.',
    'accounts.admin.activate': 'Reactivate account',
    'accounts.admin.deactivated': 'The account has been deactivated.',
    'accounts.admin.activated': 'The account has been reactivated.',
    'accounts.admin.reset.title': 'Reset password',
    'accounts.admin.reset.hint':
      'Creates a new one-time password. The old password stops working and the user is signed out everywhere.',
    'accounts.admin.reset.submit': 'Reset password',
    'accounts.admin.history.record': 'Change history of this account',
    'accounts.admin.history.actor': 'Changes made by this person',
  },
};
