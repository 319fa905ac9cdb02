import { z } from 'zod';

/** One metric condition of a metric alert (Sync session result, Files not syncing, Server online status). */
const MetricCondition = z
  .object({
    metricName: z.string().max(256),
    metricNamespace: z.string().max(256).optional(),
    operator: z.string().max(64).optional(),
    threshold: z.union([z.string(), z.number()]).optional(),
    timeAggregation: z.string().max(64).optional(),
    dimensions: z
      .array(z.object({ name: z.string().max(256), value: z.string().max(1024) }).passthrough())
      .max(50)
      .optional(),
    metricValue: z.number().nullable().optional(),
  })
  .passthrough();

/** An Azure Monitor alert in the common alert schema, as an action group posts it. */
export const CommonAlert = z
  .object({
    schemaId: z.literal('azureMonitorCommonAlertSchema'),
    data: z
      .object({
        essentials: z
          .object({
            alertId: z.string().min(1).max(1024),
            alertRule: z.string().max(1024),
            severity: z.string().max(16),
            signalType: z.string().max(64).optional(),
            monitorCondition: z.enum(['Fired', 'Resolved']),
            monitoringService: z.string().max(128).optional(),
            alertTargetIDs: z.array(z.string().max(2048)).min(1).max(50),
            firedDateTime: z.string().max(64),
            resolvedDateTime: z.string().max(64).optional(),
            description: z.string().max(4096).optional(),
          })
          .passthrough(),
        alertContext: z
          .object({
            condition: z
              .object({ allOf: z.array(MetricCondition).max(20) })
              .passthrough()
              .optional(),
          })
          .passthrough()
          .nullable()
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type CommonAlert = z.infer<typeof CommonAlert>;
