/**
 * Every plot of the report, in page order. A plot is one file under plots/ exporting a
 * PlotSection (see report-input.ts): to add one, write its file and list it here.
 */
import { addressReassignments } from './plots/address-reassignments.js';
import { dnsQueries } from './plots/dns-queries.js';
import { faultTimeline } from './plots/fault-timeline.js';
import { incidentPhases } from './plots/incident-phases.js';
import { incidentRequests } from './plots/incident-requests.js';
import { instancesOverTime } from './plots/instances-over-time.js';
import { monthlyCost } from './plots/monthly-cost.js';
import { outageCdf } from './plots/outage-cdf.js';
import { scalingActivity } from './plots/scaling-activity.js';
import { serviceTimeseries } from './plots/service-timeseries.js';
import { summaryDistributions } from './plots/summary-distributions.js';
import { switchoverCurves } from './plots/switchover-curves.js';
import { sweepMetrics } from './plots/sweep-metrics.js';
import { ttlTradeoff } from './plots/ttl-tradeoff.js';
import type { PlotSection } from './report-input.js';

export const REPORT_PLOTS: readonly PlotSection[] = [
  summaryDistributions,
  sweepMetrics,
  ttlTradeoff,
  incidentPhases,
  outageCdf,
  switchoverCurves,
  incidentRequests,
  dnsQueries,
  serviceTimeseries,
  scalingActivity,
  instancesOverTime,
  faultTimeline,
  addressReassignments,
  monthlyCost,
];
