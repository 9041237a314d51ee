import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const opendataMessages: MessageBundle = {
  vi: {
    'opendata.nav': 'Dữ liệu mở',
    'opendata.title': 'Dữ liệu mở',
    'opendata.description':
      'Danh mục dữ liệu công khai về quy hoạch tỉnh và việc thực hiện: tải về dạng CSV, Excel, JSON và GeoJSON.',
    'opendata.intro':
      'Mọi dữ liệu công khai trên cổng, tải về miễn phí. Tệp CSV dùng mã UTF-8 có BOM để Excel hiển thị đúng tiếng Việt. Địa chỉ tải về cố định, có thể dùng trong chương trình.',
    'opendata.zip': 'Tải tất cả (ZIP, {count} bộ dữ liệu)',
    'opendata.api': 'Danh mục dạng máy đọc (JSON)',
    'opendata.caption': 'Các bộ dữ liệu công khai',
    'opendata.col.dataset': 'Bộ dữ liệu',
    'opendata.col.licence': 'Giấy phép',
    'opendata.col.source': 'Nguồn',
    'opendata.col.updated': 'Cập nhật',
    'opendata.col.rows': 'Số dòng',
    'opendata.col.download': 'Tải về',
    'opendata.download': 'Tải {title} dạng {format}',
    'opendata.never': 'Chưa có dữ liệu',
    'opendata.notFound': 'Không có bộ dữ liệu hoặc định dạng này.',
    'opendata.licence.boundaries':
      'Theo giấy phép của tệp gốc: GPL-3.0 (ranh giới), CC-BY-4.0 (điểm xã từ 2025), MIT (bảng sáp nhập) — xem tệp NOTICE',
    'opendata.ds.plan-sections.title': 'Nội dung quy hoạch tỉnh',
    'opendata.ds.plan-sections.description':
      'Các phần, chương, điều của quy hoạch tỉnh đã công bố, kèm toàn văn (Markdown) và đường dẫn.',
    'opendata.ds.plan-sections.source':
      'Quyết định phê duyệt quy hoạch tỉnh và các văn bản điều chỉnh; nguồn từng mục ở cột sources',
    'opendata.ds.plan-items.title': 'Khu chức năng, khu/cụm công nghiệp, đô thị, hạ tầng',
    'opendata.ds.plan-items.description':
      'Các đối tượng của quy hoạch tỉnh (khu công nghiệp, cụm công nghiệp, đô thị, khu chức năng, hạ tầng…), vị trí dạng điểm khi nguồn cho biết.',
    'opendata.ds.plan-items.source':
      'Quyết định phê duyệt quy hoạch tỉnh và phụ lục; nguồn từng dòng ở cột sources',
    'opendata.ds.indicator-targets.title': 'Chỉ tiêu quy hoạch: mục tiêu',
    'opendata.ds.indicator-targets.description':
      'Mục tiêu của từng chỉ tiêu theo năm hoặc giai đoạn, và tình trạng đạt được tính từ số liệu đã duyệt.',
    'opendata.ds.indicator-targets.source':
      'Quyết định phê duyệt quy hoạch tỉnh; nguồn từng mục tiêu ở cột sources',
    'opendata.ds.indicator-observations.title': 'Chỉ tiêu quy hoạch: số liệu thực hiện',
    'opendata.ds.indicator-observations.description':
      'Số liệu thực hiện các chỉ tiêu theo năm, quý và đơn vị hành chính (chỉ số liệu đã được duyệt).',
    'opendata.ds.indicator-observations.source':
      'Niên giám thống kê, báo cáo của các sở, ngành; nguồn từng số liệu ở cột sources',
    'opendata.ds.tasks.title': 'Nhiệm vụ thực hiện quy hoạch',
    'opendata.ds.tasks.description':
      'Các nhiệm vụ công khai của kế hoạch thực hiện quy hoạch: cơ quan chủ trì, thời hạn, kinh phí, tiến độ đã báo cáo.',
    'opendata.ds.tasks.source': 'Kế hoạch thực hiện quy hoạch tỉnh và báo cáo tiến độ của các cơ quan',
    'opendata.ds.projects.title': 'Dự án ưu tiên đầu tư',
    'opendata.ds.projects.description':
      'Dự án ưu tiên đầu tư: quy mô, vốn, giai đoạn, tiến độ, địa điểm; theo cấu trúc OC4IDS.',
    'opendata.ds.projects.source':
      'Danh mục dự án ưu tiên trong quy hoạch tỉnh; nguồn từng dự án ở cột sources',
    'opendata.ds.admin-units.title': 'Đơn vị hành chính',
    'opendata.ds.admin-units.description':
      'Tỉnh, huyện (trước 2025) và xã, phường (từ 01/7/2025), với thời gian hiệu lực và ranh giới hoặc điểm.',
    'opendata.ds.admin-units.source':
      'dvhcvn, Cổng thông tin điện tử Chính phủ, Tổng cục Thống kê (xem NOTICE)',
    'opendata.ds.legal-documents.title': 'Văn bản pháp lý về quy hoạch',
    'opendata.ds.legal-documents.description':
      'Quyết định, nghị quyết về quy hoạch tỉnh: số ký hiệu, ngày ban hành, cơ quan ban hành, hiệu lực, liên kết nguồn.',
    'opendata.ds.legal-documents.source':
      'Cơ sở dữ liệu văn bản pháp luật và cổng thông tin của tỉnh; nguồn ở cột sources',
    'opendata.ds.answered-comments.title': 'Ý kiến bạn đọc đã được trả lời',
    'opendata.ds.answered-comments.description':
      'Ý kiến đã được duyệt đăng và câu trả lời chính thức; chỉ có bút danh, không có họ tên, thư điện tử hay địa chỉ IP.',
    'opendata.ds.answered-comments.source': 'Ý kiến gửi qua cổng và trả lời của cơ quan được giao',
  },
  en: {
    'opendata.nav': 'Open data',
    'opendata.title': 'Open data',
    'opendata.description':
      'Catalogue of the public data on the provincial plan and its implementation: download as CSV, Excel, JSON and GeoJSON.',
    'opendata.intro':
      'Every public dataset of the portal, free to download. CSV files are UTF-8 with a byte-order mark so Excel shows Vietnamese correctly. Download addresses are stable and can be used by programs.',
    'opendata.zip': 'Download everything (ZIP, {count} datasets)',
    'opendata.api': 'Machine-readable catalogue (JSON)',
    'opendata.caption': 'Public datasets',
    'opendata.col.dataset': 'Dataset',
    'opendata.col.licence': 'Licence',
    'opendata.col.source': 'Source',
    'opendata.col.updated': 'Updated',
    'opendata.col.rows': 'Rows',
    'opendata.col.download': 'Download',
    'opendata.download': 'Download {title} as {format}',
    'opendata.never': 'No data yet',
    'opendata.notFound': 'There is no such dataset or format.',
    'opendata.licence.boundaries':
      "The source files' own licences: GPL-3.0 (boundaries), CC-BY-4.0 (2025 commune points), MIT (merger table) — see the NOTICE file",
    'opendata.ds.plan-sections.title': 'Provincial plan contents',
    'opendata.ds.plan-sections.description':
      'The published parts, chapters and articles of the provincial plan, with full text (Markdown) and links.',
    'opendata.ds.plan-sections.source':
      'The decision approving the provincial plan and its adjustments; each row’s sources in the sources column',
    'opendata.ds.plan-items.title': 'Zones, industrial parks and clusters, urban areas, infrastructure',
    'opendata.ds.plan-items.description':
      'The items of the provincial plan (industrial parks, clusters, urban areas, functional zones, infrastructure…), located as points where the sources say where.',
    'opendata.ds.plan-items.source':
      'The decision approving the provincial plan and its appendices; each row’s sources in the sources column',
    'opendata.ds.indicator-targets.title': 'Plan indicators: targets',
    'opendata.ds.indicator-targets.description':
      'Each indicator’s targets by year or period, with the status computed from approved figures.',
    'opendata.ds.indicator-targets.source':
      'The decision approving the provincial plan; each target’s sources in the sources column',
    'opendata.ds.indicator-observations.title': 'Plan indicators: measured values',
    'opendata.ds.indicator-observations.description':
      'Measured values of the indicators by year, quarter and administrative unit (approved figures only).',
    'opendata.ds.indicator-observations.source':
      'Statistical yearbooks and department reports; each figure’s sources in the sources column',
    'opendata.ds.tasks.title': 'Plan implementation tasks',
    'opendata.ds.tasks.description':
      'The public tasks of the plan’s implementation programme: lead agency, deadlines, budget, reported progress.',
    'opendata.ds.tasks.source':
      'The implementation plan of the provincial plan and agencies’ progress reports',
    'opendata.ds.projects.title': 'Priority investment projects',
    'opendata.ds.projects.description':
      'Priority investment projects: scale, capital, stage, progress, location; structured after OC4IDS.',
    'opendata.ds.projects.source':
      'The priority project list of the provincial plan; each project’s sources in the sources column',
    'opendata.ds.admin-units.title': 'Administrative units',
    'opendata.ds.admin-units.description':
      'The province, districts (before 2025) and communes and wards (from 1 July 2025), with validity dates and boundaries or points.',
    'opendata.ds.admin-units.source':
      'dvhcvn, the Government portal, the General Statistics Office (see NOTICE)',
    'opendata.ds.legal-documents.title': 'Legal documents of the plan',
    'opendata.ds.legal-documents.description':
      'Decisions and resolutions on the provincial plan: number, date, issuer, effect, link to the source.',
    'opendata.ds.legal-documents.source':
      'Legal-document databases and the province’s portal; sources in the sources column',
    'opendata.ds.answered-comments.title': 'Answered reader comments',
    'opendata.ds.answered-comments.description':
      'Comments approved for publication and their official answers; pseudonym only, no name, e-mail or IP address.',
    'opendata.ds.answered-comments.source':
      'Comments sent through the portal and the answering agency’s replies',
  },
};
