/**
 * Huoma benchmarks: `npm run bench [-- <command>] [options]`. See bench/README.md.
 *
 * Every command is its own module, imported when it is run: a command's memory and start-up are what it needs
 * (pain.001 with 100 000 payments is measured as a whole process), not every benchmark's imports.
 */
type Command = (args: string[]) => void | Promise<void>
const COMMANDS: Record<string, () => Promise<Command>> = {
  pain001: async () => (await import('./pain001')).pain001Command,
  'income-support-calc': async () => (await import('./income-support-calc')).incomeSupportCalcCommand,
  'audit-seed': async () => (await import('./audit')).auditSeedCommand,
  'audit-verify': async () => (await import('./audit')).auditVerifyCommand,
  camt054: async () => (await import('./camt054')).camt054Command,
  soak: async () => (await import('./soak')).soakCommand,
  startup: async () => (await import('./startup')).startupCommand,
  destruction: async () => (await import('./destruction')).destructionCommand,
}

async function main(): Promise<void> {
  const name = process.argv[2]
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (command) return (await command())(process.argv.slice(3))
  // No command, an option first, or all/prepare/run/help: the suite parses them.
  return (await import('./suite')).suiteCommand(process.argv.slice(2))
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
