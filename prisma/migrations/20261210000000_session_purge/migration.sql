-- The hourly purge looks for sessions closed before a date.
-- CreateIndex
CREATE INDEX "session_status_closed_at_idx" ON "session"("status", "closed_at");
