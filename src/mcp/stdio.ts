import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { projectRoot } from '../../dataset/paths.js';
import { loadConfig } from '../config.js';
import { databaseProblem } from '../db/check.js';
import { openDatabase } from '../db/connection.js';
import { createRepositories } from '../plugins/repositories.js';
import { createMcpServer } from './tools.js';

// `npm run -s mcp`: the MCP server on stdin/stdout. stdout carries protocol messages only; every log
// line goes to stderr.

const log = {
  info: (message: string) => process.stderr.write(`sco-api mcp: ${message}\n`),
  warn: (message: string) => process.stderr.write(`sco-api mcp: ${message}\n`),
};

const config = loadConfig();
// `npm run mcp` builds the database first when it is missing or stale (its pre-script, output on stderr).
const problem = databaseProblem(config.DATABASE_PATH);
if (problem !== null) {
  log.warn(`cannot serve the database ${config.DATABASE_PATH}: ${problem}; build it with \`npm run seed\``);
  process.exit(1);
}
const handle = openDatabase(config.DATABASE_PATH);
const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
const server = createMcpServer(createRepositories(handle), version);
const transport = new StdioServerTransport();
transport.onclose = () => handle.close();
await server.connect(transport);
log.info(`serving ${config.DATABASE_PATH} on stdio`);
