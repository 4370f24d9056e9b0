/**
 * Interface endpoint prices (SPEC §10), dated so the plan can say how old its estimate is.
 * Source: the AWS PrivateLink pricing page (aws.amazon.com/privatelink/pricing), on-demand rates
 * for "Interface Endpoint" per VPC endpoint per AZ per hour and the first data-processing tier.
 * Gateway endpoints (s3) are free. Only regions whose hourly rate differs from the default are
 * listed; every other region gets the default.
 *
 * How sure: the default ($0.01 per AZ-hour, $0.01 per GB) is the us-east-1 rate the page shows and
 * third-party cost guides of 2026 repeat. The regional rates were transcribed from the page's region
 * selector without a second source; re-check them whenever PRICE_TABLE_DATE is moved. The plan
 * calls its figure an estimate and prints this date.
 */
export const PRICE_TABLE_DATE = '2026-11-25';

export interface EndpointPrice {
  /** USD per interface endpoint per AZ per hour. */
  readonly azHour: number;
  /** USD per GB processed, first 1 PB per month in the region. */
  readonly perGb: number;
}

/** us-east-1, us-east-2, us-west-2 and most other regions. */
export const DEFAULT_ENDPOINT_PRICE: EndpointPrice = { azHour: 0.01, perGb: 0.01 };

const REGIONAL_PRICES: Readonly<Record<string, EndpointPrice>> = {
  'us-west-1': { azHour: 0.011, perGb: 0.01 },
  'ca-central-1': { azHour: 0.011, perGb: 0.01 },
  'eu-west-1': { azHour: 0.011, perGb: 0.01 },
  'eu-west-2': { azHour: 0.011, perGb: 0.01 },
  'eu-north-1': { azHour: 0.011, perGb: 0.01 },
  'eu-central-1': { azHour: 0.012, perGb: 0.01 },
  'eu-west-3': { azHour: 0.012, perGb: 0.01 },
  'ap-south-1': { azHour: 0.011, perGb: 0.01 },
  'ap-southeast-1': { azHour: 0.013, perGb: 0.01 },
  'ap-southeast-2': { azHour: 0.013, perGb: 0.01 },
  'ap-northeast-2': { azHour: 0.013, perGb: 0.01 },
  'ap-northeast-1': { azHour: 0.014, perGb: 0.01 },
  'ap-east-1': { azHour: 0.014, perGb: 0.01 },
  'sa-east-1': { azHour: 0.017, perGb: 0.01 },
  'us-gov-west-1': { azHour: 0.012, perGb: 0.01 },
  'us-gov-east-1': { azHour: 0.012, perGb: 0.01 },
};

export function endpointPrice(region: string): { readonly price: EndpointPrice; readonly regional: boolean } {
  const regional = REGIONAL_PRICES[region];
  return regional === undefined
    ? { price: DEFAULT_ENDPOINT_PRICE, regional: false }
    : { price: regional, regional: true };
}
