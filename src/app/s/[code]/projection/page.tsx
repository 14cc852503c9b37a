import { ProjectionEntry } from "@/components/event/ProjectionEntry";

/** The plenary's projector view of a national day (the coordination's key, no controls). */
export default async function ProjectionPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ProjectionEntry rawCode={decodeURIComponent(code).slice(0, 20)} />;
}
