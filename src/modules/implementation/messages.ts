export const implementationMessages = {
  vi: {
    'implementation.error.date': 'Ngày không hợp lệ (định dạng yyyy-mm-dd).',
    'implementation.error.amount': 'Số tiền phải là số nguyên không âm (đồng).',
    'implementation.error.weight': 'Trọng số phải là số không âm.',
    'implementation.error.codeRequired': 'Nhập mã.',
    'implementation.error.codeTaken': 'Mã này đã được dùng.',
    'implementation.error.titleRequired': 'Nhập tên.',
    'implementation.error.dueBeforeStart': 'Hạn hoàn thành phải sau ngày bắt đầu.',
    'implementation.error.agencyUnknown': 'Không tìm thấy cơ quan.',
    'implementation.error.communeUnknown': 'Không tìm thấy xã/phường.',
    'implementation.error.programmeUnknown': 'Không tìm thấy chương trình.',
    'implementation.error.parentUnknown': 'Nhiệm vụ cha không thuộc chương trình này.',
    'implementation.error.rowVersion': 'Thiếu phiên bản bản ghi.',
    'implementation.error.staleTask':
      'Nhiệm vụ vừa được người khác thay đổi sau khi bạn mở. Không có gì được lưu: hãy tải lại để xem thay đổi mới rồi sửa lại.',
    'implementation.error.staleReport':
      'Báo cáo vừa được người khác xử lý hoặc thay đổi. Không có gì được lưu: hãy tải lại trang.',
    'implementation.error.reportState': 'Báo cáo ở trạng thái này không thể thực hiện thao tác đó.',
    'implementation.error.statusContradictsProgress':
      'Trạng thái này mâu thuẫn với tiến độ đã báo cáo (ví dụ: "chưa bắt đầu" khi tiến độ > 0%).',
    'implementation.error.period': 'Kỳ báo cáo là tháng (2026-03) hoặc quý (2026-Q1).',
    'implementation.error.progress': 'Tiến độ là số từ 0 đến 100.',
    'implementation.error.narrativeRequired': 'Nhập nội dung báo cáo.',
    'implementation.error.reasonRequired': 'Nêu lý do đề nghị điều chỉnh thời hạn.',
    'implementation.error.commentRequired': 'Nêu lý do trả lại báo cáo.',
    'implementation.error.fileType':
      'Tệp không được chấp nhận: chỉ PDF, ảnh (PNG, JPEG, GIF, WebP) và tệp văn phòng.',
    'implementation.error.fileSize': 'Tệp rỗng hoặc vượt quá dung lượng cho phép.',
    'implementation.error.taskCancelled': 'Nhiệm vụ đã hủy, không nhận báo cáo.',
    'implementation.nav.outbox': 'Hộp thư đi',
    'implementation.outbox.title': 'Hộp thư đi',
    'implementation.outbox.intro':
      'Thông báo do hệ thống tạo (nhắc hạn, quá hạn, báo cáo lãnh đạo). Khi chưa cấu hình SMTP_URL, thư nằm ở đây.',
  },
  en: {
    'implementation.error.date': 'Invalid date (use yyyy-mm-dd).',
    'implementation.error.amount': 'An amount is a whole, non-negative number of dong.',
    'implementation.error.weight': 'The weight must be a non-negative number.',
    'implementation.error.codeRequired': 'Enter a code.',
    'implementation.error.codeTaken': 'This code is already used.',
    'implementation.error.titleRequired': 'Enter a title.',
    'implementation.error.dueBeforeStart': 'The due date must be after the start date.',
    'implementation.error.agencyUnknown': 'Agency not found.',
    'implementation.error.communeUnknown': 'Commune not found.',
    'implementation.error.programmeUnknown': 'Programme not found.',
    'implementation.error.parentUnknown': 'The parent task is not in this programme.',
    'implementation.error.rowVersion': 'The record version is missing.',
    'implementation.error.staleTask':
      'Someone else changed this task after you opened it. Nothing was saved: reload to see their change, then edit again.',
    'implementation.error.staleReport':
      'Someone else has just handled or changed this report. Nothing was saved: reload the page.',
    'implementation.error.reportState': 'A report in this state does not allow that action.',
    'implementation.error.statusContradictsProgress':
      'This status contradicts the reported progress (e.g. "not started" with progress above 0%).',
    'implementation.error.period': 'A period is a month (2026-03) or a quarter (2026-Q1).',
    'implementation.error.progress': 'Progress is a number from 0 to 100.',
    'implementation.error.narrativeRequired': 'Enter the report text.',
    'implementation.error.reasonRequired': 'Give the reason for the new due date.',
    'implementation.error.commentRequired': 'Say why the report is returned.',
    'implementation.error.fileType':
      'File not accepted: only PDF, images (PNG, JPEG, GIF, WebP) and office files.',
    'implementation.error.fileSize': 'The file is empty or larger than allowed.',
    'implementation.error.taskCancelled': 'The task is cancelled and takes no reports.',
    'implementation.nav.outbox': 'Outbox',
    'implementation.outbox.title': 'Outbox',
    'implementation.outbox.intro':
      'Notifications made by the system (reminders, overdue notices, escalations). Without SMTP_URL, they stay here.',
  },
};
