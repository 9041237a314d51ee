// Coordinate reference systems a site may be given in: WGS84 lon/lat, or the
// national VN-2000 system in a provincial 3° transverse Mercator zone.
import proj4 from 'proj4';

/**
 * VN-2000 datum (EPSG:4756) with the 7 Helmert parameters to WGS84 published in
 * Decision 83/2000/QĐ-TTg and Circular 973/2001/TT-TCĐC (the same values EPSG
 * carries for EPSG:4756 / the VN-2000 TM-3 zones).
 */
export const VN2000_TOWGS84 =
  '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';

export const VN2000_DEFINITION_SOURCES = [
  'https://epsg.io/4756',
  'https://caselaw.vn/van-ban-phap-luat/272487-thong-tu-so-973-2001-tt-tcdc-ngay-20-06-2001-huong-dan-ap-dung-he-quy-chieu-va-he-toa-do-quoc-gia-vn-2000',
];

export type ProvinceZone = {
  /** Key used in forms and the API (`crs=vn2000:<key>`). */
  key: string;
  nameVi: string;
  nameEn: string;
  /** Central meridian of the provincial 3° zone, decimal degrees. */
  centralMeridian: number;
  note: string;
  sources: string[];
};

/**
 * Central meridians (kinh tuyến trục) of the provincial VN-2000 TM-3 zones
 * (scale 0.9999, false easting 500 000 m). Circular 973/2001/TT-TCĐC, annex table
 * "Kinh tuyến trục cho từng tỉnh": Thái Nguyên 106°30', Bắc Kạn 106°30'.
 * For the province formed on 01/07/2025, Circular 24/2025/TT-BNNMT lists 106°30'
 * too (as reported by thuvienphapluat.vn). Drawings made before 2025 in old Bắc
 * Kạn used Bắc Kạn's meridian, which is the same value. To add a province, add a
 * row here with its source.
 */
export const PROVINCE_ZONES: readonly ProvinceZone[] = [
  {
    key: 'thai-nguyen',
    nameVi: 'Thái Nguyên (KTT 106°30′)',
    nameEn: 'Thái Nguyên (central meridian 106°30′)',
    centralMeridian: 106.5,
    note: 'TT 973/2001/TT-TCĐC; TT 24/2025/TT-BNNMT for the province from 01/07/2025',
    sources: [
      VN2000_DEFINITION_SOURCES[1]!,
      'https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/ho-tro-phap-luat/chinh-sach-moi/88124/bang-kinh-tuyen-truc-cua-ban-do-hanh-chinh-cap-tinh-cua-34-tinh-thanh-moi-theo-thong-tu-24-2025',
    ],
  },
  {
    key: 'bac-kan',
    nameVi: 'Bắc Kạn cũ (KTT 106°30′)',
    nameEn: 'former Bắc Kạn (central meridian 106°30′)',
    centralMeridian: 106.5,
    note: 'TT 973/2001/TT-TCĐC (province merged into Thái Nguyên on 01/07/2025)',
    sources: [VN2000_DEFINITION_SOURCES[1]!],
  },
];

export const DEFAULT_ZONE_KEY = 'thai-nguyen';

export type Crs = { kind: 'wgs84' } | { kind: 'vn2000'; zone: ProvinceZone };

/** `wgs84` or `vn2000:<zone key>` (`vn2000` alone means the default zone). */
export function parseCrs(value: string | undefined | null): Crs | null {
  const v = (value ?? 'wgs84').trim().toLowerCase();
  if (v === '' || v === 'wgs84' || v === 'epsg:4326') return { kind: 'wgs84' };
  const m = /^vn2000(?::([a-z-]+))?$/.exec(v);
  if (!m) return null;
  const zone = PROVINCE_ZONES.find((z) => z.key === (m[1] ?? DEFAULT_ZONE_KEY));
  return zone ? { kind: 'vn2000', zone } : null;
}

export function crsKey(crs: Crs): string {
  return crs.kind === 'wgs84' ? 'wgs84' : `vn2000:${crs.zone.key}`;
}

export function vn2000Proj(zone: ProvinceZone): string {
  return (
    `+proj=tmerc +lat_0=0 +lon_0=${zone.centralMeridian} +k=0.9999 +x_0=500000 +y_0=0 ` +
    `+ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`
  );
}

const WGS84 = 'EPSG:4326';

/** [easting, northing] in VN-2000 → [lon, lat] in WGS84. */
export function vn2000ToWgs84(zone: ProvinceZone, xy: [number, number]): [number, number] {
  return proj4(vn2000Proj(zone), WGS84, xy) as [number, number];
}

/** [lon, lat] in WGS84 → [easting, northing] in VN-2000. */
export function wgs84ToVn2000(zone: ProvinceZone, lonLat: [number, number]): [number, number] {
  return proj4(WGS84, vn2000Proj(zone), lonLat) as [number, number];
}

/** Rough extent of Vietnam's mainland and near-shore islands, for plausibility checks. */
export const VIETNAM_BBOX = { minLon: 102, maxLon: 110, minLat: 8, maxLat: 23.5 };
/** Plausible VN-2000 TM-3 eastings / northings anywhere in Vietnam. */
export const VN2000_RANGE = { minX: 100_000, maxX: 900_000, minY: 850_000, maxY: 2_650_000 };
