/** The planning layer's built-in data: regions, endpoint services, known gaps, prices. */
export * from './regions.js';
export * from './endpoint-services.js';
export * from './known-gaps.js';
export * from './prices.js';
