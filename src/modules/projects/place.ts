// Where a project is, as far as its sources say: the place names are matched to
// administrative units (a 2025 commune, a pre-2025 commune and its one 2025
// successor, or a pre-2025 district). The map then draws a project that has no
// geometry of its own as a symbol at its 2025 commune's point, marked as
// approximate; a project known only by district is listed but not drawn. No
// shape is ever invented.
import { foldVietnamese } from '../search/normalize.ts';

export type UnitRef = { id: string; level: string; nameVi: string; validTo: string | null };
export type Lineage = { predecessorId: string; successorId: string };

const COMMUNE_PREFIX = /^(xã|phường|thị trấn)\s+/i;
const DISTRICT_PREFIX = /^(tp\.?|thành phố|huyện|thị xã|tx\.?)\s+/i;

/** "xã Điềm Thụy (mới)" → the 2025 commune; "xã Phúc Trìu" → the old commune and its successor; "Huyện Phú Bình" → the district. */
export function unitsForPlaceNames(names: readonly string[], units: UnitRef[], lineage: Lineage[]): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const raw of names) {
    const isNew = /\(mới\)/i.test(raw);
    const text = raw.replace(/\(.*?\)/g, '').trim();
    if (COMMUNE_PREFIX.test(text)) {
      const name = foldVietnamese(text.replace(COMMUNE_PREFIX, '').trim());
      const communes = units.filter((u) => u.level === 'commune' && foldVietnamese(u.nameVi) === name);
      const current = communes.filter((u) => u.validTo === null);
      const old = communes.filter((u) => u.validTo !== null);
      if (isNew) {
        if (current.length === 1) add(current[0]!.id);
        continue;
      }
      // A name as written before 2025: the old commune, and its successor when there is only one.
      if (old.length === 1) {
        add(old[0]!.id);
        const successors = lineage.filter((l) => l.predecessorId === old[0]!.id);
        if (successors.length === 1) add(successors[0]!.successorId);
      } else if (old.length === 0 && current.length === 1) add(current[0]!.id);
      continue;
    }
    const name = foldVietnamese(text.replace(DISTRICT_PREFIX, '').trim());
    const districts = units.filter((u) => u.level === 'district' && foldVietnamese(u.nameVi) === name);
    if (districts.length === 1) add(districts[0]!.id);
  }
  return out;
}
