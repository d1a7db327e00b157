#!/usr/bin/env node
process.stdout.write('citop: under construction\n');
