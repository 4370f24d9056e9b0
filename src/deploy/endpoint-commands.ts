/**
 * Commands printed for people to run by hand. No SDK import: the CLI's renderers use this, and
 * `validate` / `plan --offline` must never load the AWS SDK.
 */

/** Switches the API server's public access off (printed when private-eks cannot, SPEC §7 step 5). */
export function disablePublicAccessCommand(cluster: string, region: string, profile?: string): string {
  const profileFlag = profile === undefined ? '' : ` --profile ${profile}`;
  return `aws eks update-cluster-config --region ${region}${profileFlag} --name ${cluster} --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true`;
}
