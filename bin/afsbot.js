#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm ci` builds it through the `prepare` script.
require('../dist/cli/main.js').main(process.argv.slice(2));
