import {describe, expect, it} from 'vitest';
import {browserCommand} from '../../source/ui/terminal/browser.js';

const URL = 'https://ci.example.com/runs/12';

describe('which program opens a page', () => {
	it('takes $BROWSER first (its first entry; %s stands for the address), else the desktop’s opener', () => {
		expect(browserCommand(URL, {BROWSER: 'firefox --new-tab'}, 'linux')).toEqual({command: 'firefox', args: ['--new-tab', URL]});
		expect(browserCommand(URL, {BROWSER: 'w3m %s:lynx'}, 'linux')).toEqual({command: 'w3m', args: [URL]});
		expect(browserCommand(URL, {}, 'linux')).toEqual({command: 'xdg-open', args: [URL]});
		expect(browserCommand(URL, {BROWSER: ''}, 'darwin')).toEqual({command: 'open', args: [URL]});
		expect(browserCommand(URL, {}, 'win32')).toEqual({none: 'no way to open a browser here (set $BROWSER)'});
	});

	it('starts none over SSH, where the browser would open on the far machine', () => {
		expect(browserCommand(URL, {BROWSER: 'firefox', SSH_TTY: '/dev/pts/3'}, 'linux')).toEqual({none: 'over SSH'});
		expect(browserCommand(URL, {SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22'}, 'darwin')).toEqual({none: 'over SSH'});
	});
});
