/** The Magnet mark: a horseshoe magnet in the city's red and gold. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#b3261e" />
      <path d="M16 14h10v22a6 6 0 0 0 12 0V14h10v22a16 16 0 0 1-32 0z" fill="#fff" />
      <path d="M16 14h10v8H16zM38 14h10v8H38z" fill="#f5c542" />
    </svg>
  );
}
