/**
 * The endpoints' price (SPEC §10): interface endpoints per endpoint per AZ per hour, gateway
 * endpoints free, reused endpoints nothing new. An estimate from a dated built-in table.
 */
import { PRICE_TABLE_DATE, endpointPrice } from './catalog/prices.js';
import type { CostEstimate, Partition, PlannedEndpoint } from './types.js';

/** The month AWS bills by: 730 hours. */
export const HOURS_PER_MONTH = 730;

/** Money in the plan is rounded to a millionth of a dollar, so sums print without float noise. */
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

export function estimateCost(
  region: string,
  partition: Partition,
  endpoints: readonly PlannedEndpoint[],
): CostEstimate {
  const { price, regional } = endpointPrice(region);
  const lines = endpoints.map((e) => {
    const billed = e.type === 'Interface' && !e.reused;
    return {
      service: e.service,
      type: e.type,
      azs: e.availabilityZones.length,
      hourly: billed ? round6(e.availabilityZones.length * price.azHour) : 0,
    };
  });
  const hourly = round6(lines.reduce((sum, l) => sum + l.hourly, 0));
  const notes = [
    `estimate from private-eks's price table of ${PRICE_TABLE_DATE} (${regional ? `${region} rate` : 'default rate, as us-east-1'}): interface endpoints $${price.azHour} per AZ-hour plus $${price.perGb} per GB processed; the S3 gateway endpoint is free`,
  ];
  if (endpoints.some((e) => e.reused)) notes.push('reused endpoints add nothing');
  if (partition === 'aws-cn')
    notes.push('China regions are billed in CNY by their operators: the USD figure is indicative only');
  else if (partition.startsWith('aws-iso'))
    notes.push('ISO partitions have their own price lists: the figure is indicative only');
  notes.push('check https://aws.amazon.com/privatelink/pricing/ for current prices');
  return {
    priceDate: PRICE_TABLE_DATE,
    currency: 'USD',
    interfaceEndpointAzHours: price.azHour,
    hourly,
    monthly: Math.round(hourly * HOURS_PER_MONTH * 100) / 100,
    perGbProcessed: price.perGb,
    lines,
    note: notes.join('; '),
  };
}
