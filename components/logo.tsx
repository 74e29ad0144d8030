/** The Tenantry mark: three stacked "floors" of one building (one app, many tenants). */
export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <rect x="8" y="7" width="16" height="4" rx="1.5" className="fill-white" />
      <rect x="8" y="14" width="16" height="4" rx="1.5" className="fill-white/80" />
      <rect x="8" y="21" width="16" height="4" rx="1.5" className="fill-white/60" />
    </svg>
  );
}
