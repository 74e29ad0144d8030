// Types for server.mjs (imported by TypeScript tests and scripts).
export declare const API_VERSION: string;
export declare function parseForm(text: string): Record<string, unknown>;
export declare function signPayload(payload: string, secret: string, timestamp: number): string;
export interface StripeLocal {
  /** Base URL of the API, e.g. http://127.0.0.1:12111 */
  url: string;
  port: number;
  /** Base URL of the checkout/portal pages (http://localhost:<port>). */
  publicUrl: string;
  stripeOptions: { host: string; port: number; protocol: "http" };
  idle(): Promise<void>;
  stop(): Promise<void>;
}
export declare function startStripeLocal(options?: {
  port?: number;
  host?: string;
  publicHost?: string;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  autoDeliver?: boolean;
  retryAttempts?: number;
  retryBaseMs?: number;
  log?: (line: string) => void;
}): Promise<StripeLocal>;
