#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) with tsx's loader: node bin/run-ts.mjs file.ts [args]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(path.resolve(file)).href);
