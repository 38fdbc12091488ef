/**
 * The reference of an account-opening request, as the requester and customer service see it:
 * the first 8 characters of its id in capitals, e.g. "DEM-1A2B3C4D". Never secret; short enough
 * to read out on the phone.
 */
export function requestReference(requestId: string): string {
  return `DEM-${requestId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
