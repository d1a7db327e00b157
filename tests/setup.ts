// Ink treats any CI variable (even empty) as a non-interactive terminal and skips frames;
// our UI tests read frames, so they must not inherit that from the CI environment.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
for (const name of Object.keys(process.env)) {
	if (name.startsWith('CI_')) delete process.env[name];
}
