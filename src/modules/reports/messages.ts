import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const reportsMessages: MessageBundle = {
  vi: {
    'reports.nav': 'Báo cáo đánh giá',
    'reports.title': 'Báo cáo đánh giá thực hiện quy hoạch',
    'reports.intro':
      'Chọn kỳ báo cáo, viết các phần nhận định rồi tải báo cáo (DOCX theo thể thức Nghị định 30/2020/NĐ-CP, PDF) và phụ lục bảng số liệu (XLSX). Bảng chỉ tiêu được lập tự động từ số liệu đã duyệt.',
    'reports.period': 'Kỳ báo cáo',
    'reports.periodHint': 'Một năm (2025) hoặc một giai đoạn (2021-2025).',
    'reports.choosePeriod': 'Chọn kỳ',
    'reports.download': 'Tải báo cáo kỳ {period}',
    'reports.docx': 'Tải báo cáo (DOCX)',
    'reports.pdf': 'Tải báo cáo (PDF)',
    'reports.xlsx': 'Tải phụ lục bảng (XLSX)',
    'reports.edit': 'Soạn các phần nhận định',
    'reports.extraHint': 'Phần này lập tự động; có thể thêm đoạn nhận định.',
    'reports.save': 'Lưu bản nháp',
    'reports.saved': 'Đã lưu bản nháp báo cáo.',
    'reports.p.issuingParent': 'Cơ quan chủ quản',
    'reports.p.issuingBody': 'Cơ quan ban hành',
    'reports.p.number': 'Số, ký hiệu',
    'reports.p.place': 'Địa danh',
    'reports.p.date': 'Ngày ban hành',
    'reports.p.signerTitle': 'Quyền hạn, chức vụ người ký',
    'reports.p.signerName': 'Họ tên người ký',
    'reports.empty.narrative': '(Chưa có nội dung.)',
    'reports.empty.source':
      'Chưa có dữ liệu: phần này do phân hệ khác cung cấp, phân hệ đó chưa được triển khai.',
    'reports.error.period': 'Kỳ báo cáo phải là một năm (2025) hoặc một giai đoạn (2021-2025).',
    'reports.table.bodyPriority':
      'Bảng trên nêu {shown} trong tổng số {total} dòng, những dòng cần chú ý nhất trước (số thứ tự theo danh sách đầy đủ); danh sách đầy đủ ở phụ lục bảng (XLSX).',
    'reports.table.bodyFirst':
      'Bảng trên nêu {shown} dòng đầu trong tổng số {total} dòng; danh sách đầy đủ ở phụ lục bảng (XLSX).',
    'reports.table.indicators': 'Bảng: Kết quả thực hiện các chỉ tiêu',
    'reports.table.summary':
      'Trong kỳ có {total} chỉ tiêu: {achieved} đã đạt, {on_track} đúng tiến độ, {needs_acceleration} cần đẩy nhanh, {off_track} chậm tiến độ, {no_data} chưa có dữ liệu.',
  },
  en: {
    'reports.nav': 'Assessment report',
    'reports.title': 'Plan implementation assessment report',
    'reports.intro':
      'Choose the period, write the narrative parts, then download the report (DOCX in the Decree 30/2020/NĐ-CP layout, PDF) and the annex of tables (XLSX). The indicator table is built from approved data.',
    'reports.period': 'Period',
    'reports.periodHint': 'A year (2025) or a period (2021-2025).',
    'reports.choosePeriod': 'Choose',
    'reports.download': 'Download the report for {period}',
    'reports.docx': 'Download the report (DOCX)',
    'reports.pdf': 'Download the report (PDF)',
    'reports.xlsx': 'Download the annex of tables (XLSX)',
    'reports.edit': 'Write the narrative parts',
    'reports.extraHint': 'This part is built automatically; you may add a paragraph.',
    'reports.save': 'Save the draft',
    'reports.saved': 'The report draft was saved.',
    'reports.p.issuingParent': 'Parent body',
    'reports.p.issuingBody': 'Issuing body',
    'reports.p.number': 'Number and symbol',
    'reports.p.place': 'Place',
    'reports.p.date': 'Date of issue',
    'reports.p.signerTitle': "Signer's authority and title",
    'reports.p.signerName': "Signer's name",
    'reports.empty.narrative': '(No text yet.)',
    'reports.empty.source': 'No data yet: this part comes from another module, which is not installed yet.',
    'reports.error.period': 'The period must be a year (2025) or a range (2021-2025).',
    'reports.table.bodyPriority':
      'The table above lists {shown} of {total} rows, those needing attention first (numbers as in the full list); the full list is in the annex of tables (XLSX).',
    'reports.table.bodyFirst':
      'The table above lists the first {shown} of {total} rows; the full list is in the annex of tables (XLSX).',
    'reports.table.indicators': 'Table: Results on the indicators',
    'reports.table.summary':
      '{total} indicators in the period: {achieved} achieved, {on_track} on track, {needs_acceleration} need acceleration, {off_track} off track, {no_data} without data.',
  },
};
