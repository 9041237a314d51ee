// Personal data (Law 91/2025/QH15): each module that keeps someone's contact
// data describes it here once — how to find it by email, erase it on request,
// and expire it after the retention period. The privacy module's export,
// erasure and retention job walk these sources without knowing the modules.
import type { DbOrTx } from '../../kernel/db/types.ts';

export type PersonalRecord = Record<string, string | number | boolean | null>;

export type PersonalDataSource = {
  /** Stable key, also the section name in an export (e.g. "comments"). */
  key: string;
  /** Message key of the section title shown to the administrator. */
  titleKey: string;
  /** Every record holding this email (compared case-insensitively), as it would be exported. */
  find(db: DbOrTx, email: string): Promise<PersonalRecord[]>;
  /** Removes the person's data from those records; what the public saw stays, pseudonymised. Returns the count. */
  erase(tx: DbOrTx, email: string): Promise<number>;
  /** Removes contact data from records created before `before`. Returns the count. */
  expire(tx: DbOrTx, before: Date): Promise<number>;
};

/** Shown in exports and on the erasure page: what a pseudonymised record keeps. */
export const ERASED_MARK = '(đã xoá theo yêu cầu)';
