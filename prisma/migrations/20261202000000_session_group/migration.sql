-- CreateTable
CREATE TABLE "session_group" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_group_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "session" ADD COLUMN "group_id" TEXT;

-- CreateIndex
CREATE INDEX "session_group_id_created_at_idx" ON "session"("group_id", "created_at");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "session_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;
