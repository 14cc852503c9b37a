import QRCode from "qrcode";
import { services } from "@/server/services";
import { joinUrl } from "@/server/sessionService";
import { handle } from "../../../_lib/http";

export const dynamic = "force-dynamic";

/** The join link as an SVG QR code, big enough to project. */
export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return handle(async () => {
    const { code } = await ctx.params;
    const s = services();
    const summary = await s.sessions.summary(code);
    const svg = await QRCode.toString(joinUrl(s.baseUrl(req.url, req.headers), summary.code), {
      type: "svg",
      margin: 1,
      errorCorrectionLevel: "M",
      color: { dark: "#1f2937", light: "#ffffff" },
    });
    return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" } });
  });
}
