import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const privacyMessages: MessageBundle = {
  vi: {
    'privacy.nav': 'Dữ liệu cá nhân',
    'privacy.nav.description':
      'Xuất hoặc xoá dữ liệu cá nhân của người góp ý, nhà đầu tư, người theo dõi khi họ yêu cầu.',
    'privacy.title': 'Dữ liệu cá nhân theo yêu cầu',
    'privacy.intro':
      'Khi một người dân hoặc nhà đầu tư yêu cầu (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15), nhập email của họ để xem và xuất toàn bộ dữ liệu hệ thống đang giữ, hoặc xoá dữ liệu đó. Ý kiến đã đăng vẫn giữ lại dưới bí danh; tên, email, số điện thoại bị xoá.',
    'privacy.email': 'Email của người yêu cầu',
    'privacy.export': 'Xuất dữ liệu (JSON)',
    'privacy.erase': 'Xoá dữ liệu cá nhân',
    'privacy.confirm': 'Tôi đã xác minh danh tính người yêu cầu; xoá không hoàn tác được.',
    'privacy.retention':
      'Thời hạn lưu trữ: dữ liệu liên hệ được tự động xoá sau {days} ngày (biến môi trường PERSONAL_DATA_RETENTION_DAYS).',
    'privacy.retention.off':
      'Thời hạn lưu trữ: chưa đặt (PERSONAL_DATA_RETENTION_DAYS=0), dữ liệu được giữ lại.',
    'privacy.erased': 'Đã xoá dữ liệu cá nhân của {email}: {total} bản ghi.',
    'privacy.erased.none': 'Không có dữ liệu cá nhân nào gắn với {email}.',
    'privacy.source.comments': 'Ý kiến bạn đọc',
    'privacy.source.inquiries': 'Câu hỏi của nhà đầu tư',
    'privacy.source.outbox': 'Thư gửi đi',
    'privacy.source.follows': 'Theo dõi nhiệm vụ, dự án',
    'privacy.error.email': 'Nhập một địa chỉ email hợp lệ, ví dụ ten@example.vn.',
    'privacy.error.confirm': 'Đánh dấu ô xác nhận trước khi xoá.',
  },
  en: {
    'privacy.nav': 'Personal data',
    'privacy.nav.description':
      "Export or erase a commenter's, investor's or follower's personal data on request.",
    'privacy.title': 'Personal data on request',
    'privacy.intro':
      'When a citizen or investor asks (Personal Data Protection Law 91/2025/QH15), enter their email to see and export everything the system holds about them, or to erase it. Published comments stay under their pseudonym; names, emails and phone numbers are removed.',
    'privacy.email': "Requester's email",
    'privacy.export': 'Export data (JSON)',
    'privacy.erase': 'Erase personal data',
    'privacy.confirm': "I have verified the requester's identity; erasure cannot be undone.",
    'privacy.retention':
      'Retention: contact data is removed automatically after {days} days (environment variable PERSONAL_DATA_RETENTION_DAYS).',
    'privacy.retention.off': 'Retention: not set (PERSONAL_DATA_RETENTION_DAYS=0); data is kept.',
    'privacy.erased': 'Erased the personal data of {email}: {total} records.',
    'privacy.erased.none': 'No personal data is linked to {email}.',
    'privacy.source.comments': 'Readers’ comments',
    'privacy.source.inquiries': 'Investor inquiries',
    'privacy.source.outbox': 'Outgoing messages',
    'privacy.source.follows': 'Follows of tasks and projects',
    'privacy.error.email': 'Enter a valid email address, e.g. name@example.vn.',
    'privacy.error.confirm': 'Tick the confirmation box before erasing.',
  },
};
