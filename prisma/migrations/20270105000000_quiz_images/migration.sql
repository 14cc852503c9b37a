-- Pictures uploaded for the quiz's questions (issue 6), deleted with their session.
-- CreateTable
CREATE TABLE "quiz_image" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quiz_image_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quiz_image_session_id_idx" ON "quiz_image"("session_id");

-- AddForeignKey
ALTER TABLE "quiz_image" ADD CONSTRAINT "quiz_image_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
