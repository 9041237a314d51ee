import type { MessageBundle } from '../../kernel/i18n/index.ts';

export const geoMessages: MessageBundle = {
  vi: {
    'geo.lineage.nav': 'Chia số liệu khi sắp xếp đơn vị hành chính',
    'geo.lineage.title': 'Chia số liệu từ đơn vị cũ sang đơn vị mới (sắp xếp năm 2025)',
    'geo.lineage.intro':
      'Số liệu ghi theo huyện, xã trước 01/07/2025 được cộng vào các xã, phường mới theo quan hệ kế thừa. Đơn vị cũ sáp nhập toàn bộ vào một đơn vị mới thì chuyển nguyên giá trị. Đơn vị cũ bị chia cho nhiều đơn vị mới thì mỗi đơn vị mới nhận theo tỷ lệ đã ghi; phần chưa có tỷ lệ được chia theo quy tắc mặc định dưới đây.',
    'geo.lineage.rule.title': 'Quy tắc mặc định cho phần chưa có tỷ lệ',
    'geo.lineage.rule.label': 'Quy tắc mặc định',
    'geo.lineage.rule.hint':
      'Ví dụ: phường Gia Sàng cũ chia cho phường Phan Đình Phùng và phường Gia Sàng mới, chưa ghi tỷ lệ. Số liệu 1.000 của đơn vị cũ: "chia đều" cho mỗi phường 500; "không phân bổ" để riêng 1.000 và báo là chưa phân bổ.',
    'geo.lineage.rule.equal': 'Chia đều cho các đơn vị mới chưa có tỷ lệ',
    'geo.lineage.rule.unassigned': 'Không phân bổ, báo là phần chưa phân bổ',
    'geo.lineage.rule.current': 'Đang áp dụng: {rule}',
    'geo.lineage.rule.submit': 'Lưu quy tắc',
    'geo.lineage.saved': 'Đã lưu. Thay đổi được ghi vào nhật ký.',
    'geo.lineage.links.title': 'Tỷ lệ của từng đơn vị cũ bị chia',
    'geo.lineage.links.summary':
      '{count} đơn vị cũ bị chia cho nhiều đơn vị mới; {ratios} liên kết đã có tỷ lệ.',
    'geo.lineage.links.choose': 'Đơn vị cũ',
    'geo.lineage.links.show': 'Xem các đơn vị mới',
    'geo.lineage.links.caption': 'Các đơn vị mới nhận một phần của {unit}',
    'geo.lineage.links.hint':
      'Tỷ lệ từ 0 đến 1 (ví dụ 0,8). Để trống: theo quy tắc mặc định. Tổng các tỷ lệ đã ghi không quá 1.',
    'geo.lineage.links.successor': 'Đơn vị mới',
    'geo.lineage.links.ratio': 'Tỷ lệ cho {unit}',
    'geo.lineage.links.submit': 'Lưu tỷ lệ',
    'geo.lineage.error.ratio': 'Tỷ lệ phải là số từ 0 đến 1, ví dụ 0,8.',
    'geo.lineage.error.sum': 'Tổng các tỷ lệ đã ghi của một đơn vị cũ không được quá 1.',
    'geo.lineage.error.successor': 'Đơn vị này không nhận một phần của đơn vị cũ đã chọn.',
    'geo.lineage.error.noPartial': 'Đơn vị này không bị chia cho nhiều đơn vị mới.',
  },
  en: {
    'geo.lineage.nav': 'Splitting figures across the reorganisation',
    'geo.lineage.title': 'Attributing figures of old units to the new ones (2025 reorganisation)',
    'geo.lineage.intro':
      'Figures recorded under districts and communes before 1 July 2025 are added to the new communes through the lineage. A unit that passed wholly into one new unit gives it its whole value. A unit split among several new units gives each its recorded ratio; the part without a ratio is divided by the default rule below.',
    'geo.lineage.rule.title': 'Default rule for the part without a ratio',
    'geo.lineage.rule.label': 'Default rule',
    'geo.lineage.rule.hint':
      'Example: the old Gia Sàng ward was split between Phan Đình Phùng ward and the new Gia Sàng ward, with no ratio recorded. A figure of 1,000: "split equally" gives each 500; "leave unassigned" keeps the 1,000 aside and reports it as unassigned.',
    'geo.lineage.rule.equal': 'Split equally among the new units without a ratio',
    'geo.lineage.rule.unassigned': 'Leave unassigned and report it',
    'geo.lineage.rule.current': 'In force: {rule}',
    'geo.lineage.rule.submit': 'Save rule',
    'geo.lineage.saved': 'Saved. The change is recorded in the audit log.',
    'geo.lineage.links.title': 'Ratios of each split unit',
    'geo.lineage.links.summary':
      '{count} old units were split among several new units; {ratios} links have a ratio.',
    'geo.lineage.links.choose': 'Old unit',
    'geo.lineage.links.show': 'Show the new units',
    'geo.lineage.links.caption': 'New units that took part of {unit}',
    'geo.lineage.links.hint':
      'A ratio from 0 to 1 (e.g. 0.8). Blank: the default rule. The recorded ratios may not add up to more than 1.',
    'geo.lineage.links.successor': 'New unit',
    'geo.lineage.links.ratio': 'Ratio for {unit}',
    'geo.lineage.links.submit': 'Save ratios',
    'geo.lineage.error.ratio': 'A ratio is a number from 0 to 1, e.g. 0.8.',
    'geo.lineage.error.sum': 'The recorded ratios of one old unit may not add up to more than 1.',
    'geo.lineage.error.successor': 'This unit did not take part of the chosen old unit.',
    'geo.lineage.error.noPartial': 'This unit was not split among several new units.',
  },
};
