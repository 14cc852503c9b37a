// The daisy: white petals around a yellow heart. Decorative, drawn in SVG (no image file).
export function Logo({ size = 32 }: { size?: number }) {
  const petals = Array.from({ length: 12 }, (_, i) => i * 30);
  return (
    <svg width={size} height={size} viewBox="-50 -50 100 100" aria-hidden="true" focusable="false">
      {petals.map((a) => (
        <ellipse key={a} cx="0" cy="-28" rx="10" ry="20" transform={`rotate(${a})`} fill="#ffffff" stroke="#1f5c3f" strokeWidth="3" />
      ))}
      <circle r="16" fill="#f5c400" stroke="#1f5c3f" strokeWidth="3" />
    </svg>
  );
}
