// BigQuery as a source (source `bigquery`): its settings (config.ts) and its client (client.ts, the aggregation
// pushed down as one parameterized query), pulled through the warehouse pull (../pull.ts).
import type { RetryOptions } from '../../../http/retry.ts';
import type { Source } from '../../source.ts';
import { pullWarehouse, warehouseSummary } from '../pull.ts';
import { BigQueryWarehouse } from './client.ts';
import type { BigQueryConfig } from './config.ts';

export function bigquerySource(c: BigQueryConfig, retry?: RetryOptions): Source {
  return {
    name: 'bigquery', schedule: c.cron,
    pull: async (ctx) => {
      const warehouse = new BigQueryWarehouse({ projectId: c.projectId, table: c.table, columns: c.columns, location: c.location, apiEndpoint: c.apiEndpoint, retry });
      return warehouseSummary(await pullWarehouse(ctx, 'bigquery', warehouse, c));
    },
  };
}
