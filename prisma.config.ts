// Only the Prisma CLI reads this (generate, and migrate deploy for those who have the
// schema engine). The app itself connects through a driver adapter: see
// src/server/persistence/database.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/marguerite" },
});
