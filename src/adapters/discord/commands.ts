// Slash commands: the data (definitions.ts) and syncing it with Discord (register.ts).
export { COMMAND_NAME, SUBCOMMANDS, TOPICS, argsFor, commandDefinitions } from './definitions';
export { registerCommands, type RegisterOptions } from './register';
