import { SiteHeader } from "@/components/SiteHeader";
import { JoinForm } from "@/components/join/JoinForm";

export default async function JoinWithCodePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <>
      <SiteHeader />
      <JoinForm initialCode={decodeURIComponent(code).slice(0, 20)} />
    </>
  );
}
