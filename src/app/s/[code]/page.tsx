import { RoomEntry } from "@/components/room/RoomEntry";

export default async function RoomPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <RoomEntry rawCode={decodeURIComponent(code).slice(0, 20)} />;
}
