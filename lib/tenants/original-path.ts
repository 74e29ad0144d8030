// The request header carrying the path + query the browser asked for on a workspace host. Set
// by middleware.ts only (a client-sent value is stripped there), read by the tenant layout to
// redirect a renamed workspace's old subdomain to the same path on its new host. Only ever
// used as the path of a URL on a configured origin, after safeRelativePath().
export const ORIGINAL_PATH_HEADER = "x-tenantry-original-path";
