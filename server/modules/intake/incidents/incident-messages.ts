import type { ReportCategory } from './incident.tables.ts';

/** Message keys (locales/<lang>/report.json) naming each category to the public. */
export const categoryMessageKeys: Record<ReportCategory, string> = {
  home: 'report.categoryHome',
  workplace: 'report.categoryWorkplace',
  street_stop: 'report.categoryStreetStop',
  checkpoint: 'report.categoryCheckpoint',
  courthouse: 'report.categoryCourthouse',
  transport: 'report.categoryTransport',
  other: 'report.categoryOther',
};
