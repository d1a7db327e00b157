export {ConfigError, isConfigError, gettingStartedLines} from './errors.js';
export {loadConfig, parseConfig} from './load.js';
export type {ColorMode, LoadConfigOptions, LoadedConfig} from './load.js';
export {defaultConfigPath, displayPath, locateConfig} from './locate.js';
export type {ConfigLocation, LocateOptions} from './locate.js';
export {defaultSourceName} from './names.js';
export {CONVENTIONAL_TOKEN_VARIABLES, runShellCommand} from './tokens.js';
export type {CommandResult, CommandRunner} from './tokens.js';
