// The bin's entry: runs the command and exits with its status (cli.ts stays importable by tests).
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
