// Types for prices.mjs.
export declare const LOCAL_PRODUCTS: { id: string; name: string; plan: "STARTER" | "PRO" }[];
export declare const LOCAL_PRICES: { id: string; product: string; plan: "STARTER" | "PRO"; interval: "month" | "year"; unit_amount: number }[];
