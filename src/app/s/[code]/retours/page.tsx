import { SiteHeader } from "@/components/SiteHeader";
import { FeedbackPage } from "@/components/feedback/FeedbackPage";

/** The feedback questionnaire's own link: answered during the session or after it. */
export default async function FeedbackRoute({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return (
    <>
      <SiteHeader />
      <FeedbackPage rawCode={decodeURIComponent(code).slice(0, 20)} />
    </>
  );
}
