/**
 * `metadata.region` read straight from the YAML, for when the config has errors and loadConfig
 * gives no ResolvedConfig: the checks that need only the region (credentials, region support —
 * which the config layer's offline V20 message sends users to doctor for —, proxy, EKS API) can
 * still run.
 */
import { parseDocument } from 'yaml';
import { eksctlLogLinesAsComments } from '../config/read.js';

export function regionFromDocument(bytes: Uint8Array | string): string | undefined {
  try {
    const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // getIn resolves no alias; the config layer has already refused oversized files.
    const document = parseDocument(eksctlLogLinesAsComments(text), { uniqueKeys: false });
    // A file the YAML parser had to repair is not one to guess a region from.
    if (document.errors.length > 0) return undefined;
    const region = document.getIn(['metadata', 'region']);
    return typeof region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : undefined;
  } catch {
    return undefined;
  }
}
