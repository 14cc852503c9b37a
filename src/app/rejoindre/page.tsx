import { SiteHeader } from "@/components/SiteHeader";
import { JoinForm } from "@/components/join/JoinForm";

export default function JoinPage() {
  return (
    <>
      <SiteHeader />
      <JoinForm initialCode="" />
    </>
  );
}
