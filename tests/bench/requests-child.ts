import {PROVIDERS} from '../../source/model/run.js';
import type {ProviderName} from '../../source/model/run.js';
import {simulatedHour} from './hour.js';

/** `node requests-child.js idle|active PROVIDER,…`: one simulated hour, its counts as one JSON line. */
const [scenario, list = ''] = process.argv.slice(2);
const providers = list.split(',').filter((name): name is ProviderName => (PROVIDERS as readonly string[]).includes(name));
if ((scenario !== 'idle' && scenario !== 'active') || providers.length === 0) {
	process.stderr.write('usage: requests-child.js idle|active sourcecraft,wercker,northflank\n');
	process.exit(2);
}
const result = await simulatedHour(scenario, providers);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
