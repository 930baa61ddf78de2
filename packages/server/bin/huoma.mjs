#!/usr/bin/env node
// The `huoma` command: the server's build (packages/server/dist, plain JavaScript), built first when it is missing or
// older than the sources (scripts/build-server.mjs; its messages go to stderr, the command's output stays clean).
import { ensureServerBuild } from '../../../scripts/build-server.mjs'

await ensureServerBuild({ log: (line) => process.stderr.write(line + '\n') })
await import('../dist/cli.js')
