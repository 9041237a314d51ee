import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const searchMessages: MessageBundle = {
  vi: {
    'search.title': 'Tìm kiếm',
    'search.description':
      'Tìm trong nội dung quy hoạch, chỉ tiêu, khu công nghiệp, đô thị, khu chức năng, dự án, tin tức và văn bản.',
    'search.label': 'Từ khoá',
    'search.hint': 'Có thể gõ không dấu, ví dụ: khu cong nghiep yen binh',
    'search.submit': 'Tìm',
    'search.type': 'Loại nội dung',
    'search.results': '{count} kết quả cho “{q}”',
    'search.none': 'Không tìm thấy kết quả nào cho “{q}”. Hãy thử từ khoá ngắn hơn.',
    'search.type.news': 'Tin tức',
    'search.type.document': 'Văn bản',
    'search.type.project': 'Dự án trọng điểm',
    'search.type.indicator': 'Chỉ tiêu',
  },
  en: {
    'search.title': 'Search',
    'search.description':
      'Search the plan’s contents, targets, industrial parks, urban areas, zones, projects, news and documents.',
    'search.label': 'Search terms',
    'search.hint': 'Accents are optional, e.g. khu cong nghiep yen binh',
    'search.submit': 'Search',
    'search.type': 'Content type',
    'search.results': '{count} results for “{q}”',
    'search.none': 'Nothing found for “{q}”. Try fewer words.',
    'search.type.news': 'News',
    'search.type.document': 'Documents',
    'search.type.project': 'Priority projects',
    'search.type.indicator': 'Indicators (targets)',
  },
};
