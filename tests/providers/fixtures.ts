/** The documented example answers (/work/shared/api/*.txt), copied as published, odd values included. */

export const SOURCECRAFT_LIST_EXAMPLE = {
	runs: [
		{
			id: 'example',
			slug: 'example',
			dates: {
				created_at: '2025-01-01T00:00:00Z',
				started_at: '2025-01-01T00:00:00Z',
				finished_at: '2025-01-01T00:00:00Z',
				updated_at: '2025-01-01T00:00:00Z',
			},
			status: 'created',
			workflows: [{id: 'example', slug: 'example', description: 'example', dates: null, status: null, tasks: [null], progress: {}}],
			event_type: 'push',
			error_messages: ['example'],
			pull: {id: 'example', slug: 'example'},
			user: {id: 'example', slug: 'example'},
		},
	],
	next_page_token: 'example',
};

/** The Run example of the list-runs page: a task with `cubes: [null]`, `progress: {}`, `relations: {}`. */
export const SOURCECRAFT_RUN_EXAMPLE = {
	id: 'example',
	slug: 'example',
	dates: {
		created_at: '2025-01-01T00:00:00Z',
		started_at: '2025-01-01T00:00:00Z',
		finished_at: '2025-01-01T00:00:00Z',
		updated_at: '2025-01-01T00:00:00Z',
	},
	status: 'created',
	workflows: [
		{
			id: 'example',
			slug: 'example',
			description: 'example',
			dates: null,
			status: null,
			tasks: [{id: 'example', slug: 'example', description: 'example', dates: null, status: null, cubes: [null], progress: {}, relations: {}}],
			progress: null,
		},
	],
	event_type: 'push',
	error_messages: ['example'],
	pull: {id: 'example', slug: 'example'},
	user: {id: 'example', slug: 'example'},
};

/** The Task example: a cube with null dates and status, an artifact, `needs: [{}]`, `current_cube: null`. */
export const SOURCECRAFT_TASK_EXAMPLE = {
	id: 'example',
	slug: 'example',
	description: 'example',
	dates: {
		created_at: '2025-01-01T00:00:00Z',
		started_at: '2025-01-01T00:00:00Z',
		finished_at: '2025-01-01T00:00:00Z',
		updated_at: '2025-01-01T00:00:00Z',
	},
	status: 'created',
	cubes: [
		{
			id: 'example',
			slug: 'example',
			dates: null,
			status: null,
			artifacts: [{id: 'example', local_path: 'example', dates: {}, status: 'registered', download_url: 'example'}],
			relations: {needs: [{}]},
		},
	],
	progress: {percent: 0.5, current_cube: null},
	relations: null,
};

const WERCKER_USER = {
	meta: {werckerEmployee: true, username: 'tonnu'},
	userId: '549101f36b3ba8733d88ce96',
	avatar: {gravatar: 'bb95c388b227da2ce2f33c0811478095'},
	name: 'Toon',
	type: 'wercker',
};

const WERCKER_PIPELINE = {
	id: '5751377e7e1bd5f17f050bc4',
	url: 'https://app.wercker.com/api/v3/pipelines/5751377e7e1bd5f17f050bc4',
	createdAt: '2016-06-03T07:53:34.294Z',
	name: 'initial-build',
	permissions: 'public',
	pipelineName: 'initial-build',
	setScmProviderStatus: true,
	type: 'git',
};

export const WERCKER_LIST_EXAMPLE = [
	{
		id: '577a4dbc3ec144923a02b6f9',
		url: 'https://app.wercker.com/api/v3/runs/577a4dbc3ec144923a02b6f9',
		branch: 'master',
		commitHash: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
		createdAt: '2016-07-04T11:51:24.851Z',
		finishedAt: '2016-07-04T11:51:34.284Z',
		message: 'My custom message!',
		progress: 57,
		result: 'aborted',
		startedAt: '2016-07-04T11:51:25.996Z',
		status: 'finished',
		user: WERCKER_USER,
		pipeline: WERCKER_PIPELINE,
	},
	{
		id: '577a48b83828f9673b03e4a9',
		url: 'https://app.wercker.com/api/v3/runs/577a48b83828f9673b03e4a9',
		branch: 'master',
		commitHash: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
		createdAt: '2016-07-04T11:30:00.171Z',
		finishedAt: '2016-07-04T11:31:13.958Z',
		message: 'My custom message!',
		progress: 71,
		result: 'aborted',
		startedAt: '2016-07-04T11:30:02.167Z',
		status: 'finished',
		user: WERCKER_USER,
		pipeline: WERCKER_PIPELINE,
	},
];

export const WERCKER_RUN_EXAMPLE = {
	id: '577a34553828f9673b034ac9',
	url: 'https://app.wercker.com/api/v3/runs/577a34553828f9673b034ac9',
	branch: 'master',
	commitHash: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
	createdAt: '2016-07-04T10:03:01.559Z',
	envVars: [{key: 'SOME_VAR', value: 'SOME VALUE'}],
	finishedAt: '2016-07-04T10:06:47.939Z',
	message: 'My custom message!',
	commits: [],
	progress: 100,
	result: 'passed',
	startedAt: '2016-07-04T10:03:18.786Z',
	status: 'finished',
	user: WERCKER_USER,
	pipeline: WERCKER_PIPELINE,
};

export const WERCKER_STEPS_EXAMPLE = [
	{
		id: '577a4dbc3ec144923a02b6fb',
		url: 'https://app.wercker.com/api/v3/runsteps/577a4dbc3ec144923a02b6fb',
		artifactsUrl: null,
		createdAt: '2016-07-04T11:51:24.854Z',
		finishedAt: '2016-07-04T11:51:26.562Z',
		logUrl: 'https://app.wercker.com/api/v3/runsteps/577a4dbc3ec144923a02b6fb/log',
		order: 1,
		result: 'passed',
		startedAt: '2016-07-04T11:51:26.035Z',
		status: 'finished',
		step: 'get code',
	},
	{
		id: '577a4dbc3ec144923a02b6fc',
		url: 'https://app.wercker.com/api/v3/runsteps/577a4dbc3ec144923a02b6fc',
		artifactsUrl: null,
		createdAt: '2016-07-04T11:51:24.855Z',
		finishedAt: '2016-07-04T11:51:32.891Z',
		logUrl: 'https://app.wercker.com/api/v3/runsteps/577a4dbc3ec144923a02b6fc/log',
		order: 2,
		result: 'passed',
		startedAt: '2016-07-04T11:51:28.593Z',
		status: 'finished',
		step: 'setup environment',
	},
];

/** The trigger reply as seen in the wild: Go-style dates (REFERENCE.md hazard). */
export const WERCKER_TRIGGER_GO_DATES = {
	id: '577a36013828f9673b035730',
	url: 'https://app.wercker.com/api/v3/runs/577a36013828f9673b035730',
	branch: 'master',
	commitHash: 'cd74a9994712960f19b4b563491f860f98fa7bb5',
	createdAt: '2017-07-04 15:35:19.999688998 +0000 UTC',
	envVars: [{key: 'SOME_VAR', value: 'SOME VALUE'}],
	message: 'My custom message!',
	progress: null,
	result: 'unknown',
	status: 'notstarted',
	user: WERCKER_USER,
	pipeline: WERCKER_PIPELINE,
};

export const NORTHFLANK_LIST_EXAMPLE = {
	data: {
		runs: [
			{
				id: '110ddb52-bdcd-482d-8ac2-05ba580afe2f',
				name: 'Example run',
				description: 'This is an example description',
				status: 'success',
				startedAt: '2021-01-01 12:01:00.000Z',
				concluded: true,
				concludedAt: '2021-01-01 12:10:00.000Z',
				createdAt: '2021-01-01 12:00:00.000Z',
				updatedAt: '2021-01-01 12:00:00.000Z',
			},
		],
	},
	pagination: {hasNextPage: false, count: 1},
};
