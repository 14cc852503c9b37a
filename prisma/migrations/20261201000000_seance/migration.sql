-- CreateTable
CREATE TABLE "seance" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "seance_session_id_key" ON "seance"("session_id");

-- AddForeignKey
ALTER TABLE "seance" ADD CONSTRAINT "seance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
