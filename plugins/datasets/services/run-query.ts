import { validationFailed } from 'atoll/plugin';
import type { DatasetsService } from '../refs';

export const runQuery: DatasetsService['runQuery'] = async () => {
  throw validationFailed('DATASETS_SQL_UNAVAILABLE', 'SQL is not available yet');
};
