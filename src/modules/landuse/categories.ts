// Land categories (loại đất) by their official codes. The codes are configuration:
// the list below follows Annex II, part A of Circular 08/2024/TT-BTNMT (cadastral
// codes, in force 01/08/2024) as transcribed by a third party from the Official
// Gazette page below; group codes NNP/PNN/CSD and the aggregate LUA ("đất trồng
// lúa", used in land-use plan indicators) are the planning indicator codes. Not
// checked against the Gazette text itself: an administrator may add or rename
// categories (table land_categories).
export const LAND_CATEGORY_SOURCE =
  'https://congbao.chinhphu.vn/van-ban/thong-tu-so-08-2024-tt-btnmt-42595/51505.htm';

export type LandCategorySeed = {
  code: string;
  group: 'NNP' | 'PNN' | 'CSD' | 'GROUP';
  nameVi: string;
  nameEn: string;
};

export const LAND_CATEGORIES: readonly LandCategorySeed[] = [
  { code: 'NNP', group: 'GROUP', nameVi: 'Nhóm đất nông nghiệp', nameEn: 'Agricultural land' },
  { code: 'LUA', group: 'NNP', nameVi: 'Đất trồng lúa', nameEn: 'Rice land' },
  { code: 'LUC', group: 'NNP', nameVi: 'Đất chuyên trồng lúa', nameEn: 'Specialised rice land' },
  { code: 'HNK', group: 'NNP', nameVi: 'Đất trồng cây hằng năm khác', nameEn: 'Other annual crop land' },
  { code: 'CLN', group: 'NNP', nameVi: 'Đất trồng cây lâu năm', nameEn: 'Perennial crop land' },
  { code: 'RDD', group: 'NNP', nameVi: 'Đất rừng đặc dụng', nameEn: 'Special-use forest land' },
  { code: 'RPH', group: 'NNP', nameVi: 'Đất rừng phòng hộ', nameEn: 'Protection forest land' },
  { code: 'RSX', group: 'NNP', nameVi: 'Đất rừng sản xuất', nameEn: 'Production forest land' },
  { code: 'NTS', group: 'NNP', nameVi: 'Đất nuôi trồng thủy sản', nameEn: 'Aquaculture land' },
  { code: 'PNN', group: 'GROUP', nameVi: 'Nhóm đất phi nông nghiệp', nameEn: 'Non-agricultural land' },
  { code: 'ONT', group: 'PNN', nameVi: 'Đất ở tại nông thôn', nameEn: 'Rural residential land' },
  { code: 'ODT', group: 'PNN', nameVi: 'Đất ở tại đô thị', nameEn: 'Urban residential land' },
  { code: 'CQP', group: 'PNN', nameVi: 'Đất quốc phòng', nameEn: 'Defence land' },
  { code: 'CAN', group: 'PNN', nameVi: 'Đất an ninh', nameEn: 'Security land' },
  {
    code: 'CSK',
    group: 'PNN',
    nameVi: 'Đất khu công nghiệp, cụm công nghiệp',
    nameEn: 'Industrial parks and clusters',
  },
  { code: 'TMD', group: 'PNN', nameVi: 'Đất thương mại, dịch vụ', nameEn: 'Commercial and service land' },
  {
    code: 'SKC',
    group: 'PNN',
    nameVi: 'Đất cơ sở sản xuất phi nông nghiệp',
    nameEn: 'Non-agricultural production land',
  },
  { code: 'SKS', group: 'PNN', nameVi: 'Đất sử dụng cho hoạt động khoáng sản', nameEn: 'Mining land' },
  { code: 'DGT', group: 'PNN', nameVi: 'Đất giao thông', nameEn: 'Transport land' },
  { code: 'DTL', group: 'PNN', nameVi: 'Đất thủy lợi', nameEn: 'Irrigation land' },
  { code: 'CSD', group: 'GROUP', nameVi: 'Nhóm đất chưa sử dụng', nameEn: 'Unused land' },
];
