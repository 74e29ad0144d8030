// Types for seed.mjs (imported by the TypeScript test harness).
export interface DemoWorkspace {
  slug: string;
  name: string;
  owner: { email: string; name: string; password?: string };
  customers: Array<{ key: string; kind: "COMPANY" | "PERSON"; name: string; email?: string; phone?: string; website?: string; company?: string }>;
  deals: Array<{ key: string; customer: string; title: string; valueCents: number; stage: string; closeInDays?: number; closedDaysAgo?: number }>;
  notes: Array<{ key: string; customer?: string; deal?: string; body: string }>;
}
export declare const DEMO_WORKSPACES: DemoWorkspace[];
export declare function hashPasswordSync(password: string): string;
export declare function seedId(...parts: string[]): string;
export declare function seedDatabase(
  ownerUrl: string,
  options?: { logger?: (message: string) => void; workspaces?: DemoWorkspace[] },
): Promise<{ inserted: number }>;
