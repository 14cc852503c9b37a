-- Votes, the anonymous switch and the moderation queue of a board, as JSON at a version.
-- CreateTable
CREATE TABLE "board_tools" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "board" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "board_tools_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "board_tools_session_id_board_key" ON "board_tools"("session_id", "board");

-- AddForeignKey
ALTER TABLE "board_tools" ADD CONSTRAINT "board_tools_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
