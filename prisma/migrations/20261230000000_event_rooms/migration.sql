-- A national day's group rooms are sessions whose parent is the event's session (issue 5).
-- AlterTable
ALTER TABLE "session" ADD COLUMN "event_id" TEXT;

-- CreateIndex
CREATE INDEX "session_event_id_idx" ON "session"("event_id");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
