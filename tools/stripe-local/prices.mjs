// The local Stripe's price list: the same ids and amounts as lib/billing/plans.ts and
// LOCAL_PRICE_IDS in lib/config/billing.ts (test/unit/billing-plans.test.ts fails when they
// differ). Plain data so the server needs no build step.
export const LOCAL_PRODUCTS = [
  { id: "prod_tenantry_starter", name: "Tenantry Starter", plan: "STARTER" },
  { id: "prod_tenantry_pro", name: "Tenantry Pro", plan: "PRO" },
];

export const LOCAL_PRICES = [
  { id: "price_starter_monthly", product: "prod_tenantry_starter", plan: "STARTER", interval: "month", unit_amount: 1200 },
  { id: "price_starter_yearly", product: "prod_tenantry_starter", plan: "STARTER", interval: "year", unit_amount: 12000 },
  { id: "price_pro_monthly", product: "prod_tenantry_pro", plan: "PRO", interval: "month", unit_amount: 2900 },
  { id: "price_pro_yearly", product: "prod_tenantry_pro", plan: "PRO", interval: "year", unit_amount: 29000 },
];
