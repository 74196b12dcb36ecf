import qrcode from "qrcode-generator";

/**
 * The enrolment address as a QR code, drawn on the server as plain SVG: nothing is fetched and no
 * script runs, so it works on an air-gapped network under the strict CSP.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const margin = 4;
  let path = "";
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  const box = size + margin * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${box} ${box}`}
      width={box * 5}
      height={box * 5}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
    >
      <rect width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
