import {describe, expect, it} from 'vitest';
import {liveViewArgs} from '../../source/ui/start-screen.js';

describe('the command line of a live view start', () => {
	it('is the live view with its own flags, or the demo', () => {
		expect(liveViewArgs([])).toEqual({demo: false, noColor: false});
		expect(liveViewArgs(['--config', 'c.yaml', '--no-color', '--debug'])).toEqual({demo: false, noColor: true, config: 'c.yaml'});
		expect(liveViewArgs(['--config=c.yaml'])).toEqual({demo: false, noColor: false, config: 'c.yaml'});
		expect(liveViewArgs(['demo', '--no-color'])).toEqual({demo: true, noColor: true});
	});

	it('is anything else for the parser to read: other commands, help, flags it does not know, --no-cache', () => {
		for (const args of [['runs'], ['--help'], ['-h'], ['--version'], ['--no-cache'], ['--config'], ['--config='], ['demo', 'demo'], ['watch', '12'], ['--colour']]) {
			expect(liveViewArgs(args), args.join(' ')).toBeNull();
		}
	});
});
