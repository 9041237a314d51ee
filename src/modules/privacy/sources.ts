// Every module's personal data, in the order an export lists it.
import { commentsPersonalData } from '../engagement/personal-data.ts';
import { followsPersonalData } from '../implementation/personal-data.ts';
import { outboxPersonalData } from '../notifications/personal-data.ts';
import { inquiriesPersonalData } from '../projects/personal-data.ts';
import type { PersonalDataSource } from './registry.ts';

export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [
  commentsPersonalData,
  inquiriesPersonalData,
  followsPersonalData,
  outboxPersonalData,
];
