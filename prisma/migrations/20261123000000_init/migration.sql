-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('facilitator', 'participant', 'observer');

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "join_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "template" TEXT NOT NULL DEFAULT 'board',
    "status" "SessionStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participant" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'participant',
    "token_hash" TEXT NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),

    CONSTRAINT "participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_document" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "compacted_seq" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "board_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_update" (
    "seq" BIGSERIAL NOT NULL,
    "board_id" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "participant_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_update_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "session_join_code_key" ON "session"("join_code");

-- CreateIndex
CREATE UNIQUE INDEX "participant_token_hash_key" ON "participant"("token_hash");

-- CreateIndex
CREATE INDEX "participant_session_id_idx" ON "participant"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "board_document_session_id_name_key" ON "board_document"("session_id", "name");

-- CreateIndex
CREATE INDEX "board_update_board_id_seq_idx" ON "board_update"("board_id", "seq");

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_document" ADD CONSTRAINT "board_document_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_update" ADD CONSTRAINT "board_update_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board_document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
