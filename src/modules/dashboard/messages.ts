import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const dashboardMessages: MessageBundle = {
  vi: {
    'dashboard.nav': 'Bảng điều khiển',
    'dashboard.title': 'Bảng điều khiển lãnh đạo',
    'dashboard.intro':
      'Quy hoạch đang đi đúng hướng hay không: chỉ tiêu theo trạng thái, cảnh báo và chi tiết theo lĩnh vực, cơ quan, xã.',
    'dashboard.clearFilters': 'Bỏ lọc, xem toàn tỉnh',
    'dashboard.exportXlsx': 'Tải số liệu của phần này (XLSX)',
    'dashboard.capped':
      'Hiển thị {shown} trong tổng số {total} dòng; tải XLSX của phần này để có đủ danh sách.',
  },
  en: {
    'dashboard.nav': 'Dashboard',
    'dashboard.title': 'Leadership dashboard',
    'dashboard.intro':
      'Is the plan on track: indicators by status, alerts, and detail by category, agency and commune.',
    'dashboard.clearFilters': 'Clear the filters, whole province',
    'dashboard.exportXlsx': 'Download this section’s data (XLSX)',
    'dashboard.capped': 'Showing {shown} of {total} rows; download this section’s XLSX for the whole list.',
  },
};
