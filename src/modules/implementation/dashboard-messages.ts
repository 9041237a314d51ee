// Messages of implementation's dashboard sections and report part.
export const dashboardMessages = {
  vi: {
    'impl.dash.status': 'Nhiệm vụ theo trạng thái',
    'impl.dash.bySchedule': 'Nhiệm vụ theo đánh giá tiến độ (ngày {date})',
    'impl.dash.tasks': 'Số nhiệm vụ',
    'impl.dash.unreported': '{n}/{total} nhiệm vụ chưa báo cáo tiến độ (không tính vào tiến độ chung).',
    'impl.dash.byAgency': 'Nhiệm vụ quá hạn theo cơ quan chủ trì',
    'impl.dash.alerts': 'Cảnh báo thực hiện: nhiệm vụ quá hạn, dự án chậm',
    'impl.dash.overdueTasks': 'Nhiệm vụ quá hạn',
    'impl.dash.noOverdue': 'Không có nhiệm vụ quá hạn.',
    'impl.dash.noStalled': 'Không có dự án chậm (chỉ đánh giá được dự án có cả tiến độ kế hoạch và thực tế).',
    'impl.dash.daysOverdue': 'Số ngày quá hạn',
    'impl.dash.planned': 'Kế hoạch',
    'impl.dash.actual': 'Thực tế',
    'impl.report.none': 'Chưa có nhiệm vụ nào của kế hoạch thực hiện trong kỳ {period}.',
    'impl.report.summary':
      'Trong kỳ có {programmes} chương trình với {tasks} nhiệm vụ; {done} nhiệm vụ đã hoàn thành, {overdue} nhiệm vụ quá hạn. Tiến độ tính theo báo cáo đã duyệt đến ngày {asOf}.',
    'impl.report.sample':
      'Lưu ý: các dòng ghi "dữ liệu mẫu" là dữ liệu minh họa, không phải số liệu chính thức của tỉnh.',
    'impl.report.programmes': 'Tiến độ các chương trình',
    'impl.report.tasks': 'Tiến độ các nhiệm vụ',
  },
  en: {
    'impl.dash.status': 'Tasks by status',
    'impl.dash.bySchedule': 'Tasks by schedule status (on {date})',
    'impl.dash.tasks': 'Tasks',
    'impl.dash.unreported': '{n}/{total} tasks have no progress report (left out of the overall progress).',
    'impl.dash.byAgency': 'Overdue tasks by lead agency',
    'impl.dash.alerts': 'Implementation alerts: overdue tasks, stalled projects',
    'impl.dash.overdueTasks': 'Overdue tasks',
    'impl.dash.noOverdue': 'No task is overdue.',
    'impl.dash.noStalled':
      'No stalled project (only projects with both planned and actual progress can be judged).',
    'impl.dash.daysOverdue': 'Days overdue',
    'impl.dash.planned': 'Planned',
    'impl.dash.actual': 'Actual',
    'impl.report.none': 'No task of the implementation plan falls in the period {period}.',
    'impl.report.summary':
      'The period has {programmes} programmes with {tasks} tasks; {done} done, {overdue} overdue. Progress as approved up to {asOf}.',
    'impl.report.sample': 'Note: rows marked "dữ liệu mẫu" are sample data, not the province\'s figures.',
    'impl.report.programmes': 'Progress of the programmes',
    'impl.report.tasks': 'Progress of the tasks',
  },
};
