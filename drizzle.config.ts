import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './dataset/schema.ts',
  out: './migrations',
});
