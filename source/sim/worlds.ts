import type {LogKind} from './logs.js';

/** The simulator's fixed cast: repositories, pipelines and release flows, and the people in them. */

export const USERS = ['ann', 'bob', 'carl', 'dina', 'eve', 'farid'] as const;
export const FEATURE_BRANCHES = ['feat/login', 'feat/search', 'fix/cache-ttl', 'chore/deps', 'release/2.3', 'renovate/zod-4.x'] as const;

export interface ScCubeDef {
	slug: string;
	kind: LogKind;
	/** Seconds, before the speed divisor. */
	seconds: readonly [number, number];
	artifact?: string;
}

export interface ScTaskDef {
	slug: string;
	description: string;
	needs: readonly string[];
	cubes: readonly ScCubeDef[];
}

export interface ScWorkflowDef {
	slug: string;
	description: string;
	/** `main`: only for pushes and manual runs on the default branch. */
	on: 'always' | 'main';
	tasks: readonly ScTaskDef[];
}

export interface ScRepoDef {
	/** Source name: `org/repo`. */
	name: string;
	org: string;
	repo: string;
	repoId: string;
	/** The ready-made source addresses this repository by id. */
	byId: boolean;
	workflows: readonly ScWorkflowDef[];
}

const cube = (slug: string, kind: LogKind, seconds: readonly [number, number], artifact?: string): ScCubeDef =>
	artifact ? {slug, kind, seconds, artifact} : {slug, kind, seconds};

export const SOURCECRAFT_REPOS: readonly ScRepoDef[] = [
	{
		name: 'acme/api',
		org: 'acme',
		repo: 'api',
		repoId: '0b7c5a8e-3f21-4d0a-9c5e-2a71f0e4b9d3',
		byId: false,
		workflows: [
			{
				slug: 'build',
				description: 'Build and test the API',
				on: 'always',
				tasks: [
					{slug: 'compile', description: 'TypeScript build', needs: [], cubes: [cube('tsc', 'build', [8, 30], 'dist/app.tgz'), cube('lint', 'lint', [5, 15])]},
					{slug: 'test', description: 'Unit and end-to-end tests', needs: ['compile'], cubes: [cube('unit', 'test', [10, 40]), cube('e2e', 'test', [15, 50])]},
					{slug: 'package', description: 'Container image', needs: ['test'], cubes: [cube('docker', 'docker', [10, 35], 'image-digest.txt')]},
				],
			},
			{
				slug: 'deploy',
				description: 'Deploy to staging',
				on: 'main',
				tasks: [
					{slug: 'rollout', description: 'Helm upgrade', needs: [], cubes: [cube('helm', 'deploy', [10, 40])]},
					{slug: 'smoke', description: 'Smoke tests against staging', needs: ['rollout'], cubes: [cube('smoke-test', 'test', [5, 20])]},
				],
			},
		],
	},
	{
		name: 'acme/web',
		org: 'acme',
		repo: 'web',
		repoId: '5e0d2c4b-8a19-4f7e-b3d6-91c0a2e5f847',
		byId: false,
		workflows: [
			{
				slug: 'ci',
				description: 'Web front end',
				on: 'always',
				tasks: [
					{slug: 'install', description: 'npm ci', needs: [], cubes: [cube('npm-ci', 'install', [6, 25])]},
					{slug: 'build', description: 'Vite build', needs: ['install'], cubes: [cube('vite', 'build', [8, 30], 'dist.zip')]},
					{slug: 'test', description: 'Vitest and Playwright', needs: ['install'], cubes: [cube('vitest', 'test', [8, 30]), cube('playwright', 'test', [15, 60])]},
				],
			},
		],
	},
	{
		name: 'acme/infra',
		org: 'acme',
		repo: 'infra',
		repoId: 'c4a9e1f2-6b3d-4e85-a0f7-d2b8c6e13a59',
		byId: true,
		workflows: [
			{
				slug: 'plan',
				description: 'Terraform plan',
				on: 'always',
				tasks: [
					{slug: 'validate', description: 'fmt and validate', needs: [], cubes: [cube('tf-fmt', 'terraform', [3, 10]), cube('tf-validate', 'terraform', [5, 15])]},
					{slug: 'plan', description: 'terraform plan', needs: ['validate'], cubes: [cube('tf-plan', 'terraform', [15, 50], 'plan.out')]},
				],
			},
			{
				slug: 'apply',
				description: 'Terraform apply',
				on: 'main',
				tasks: [{slug: 'apply', description: 'terraform apply', needs: [], cubes: [cube('tf-apply', 'terraform', [20, 70])]}],
			},
		],
	},
];

export interface WerckerStepDef {
	step: string;
	kind: LogKind;
	seconds: readonly [number, number];
}

export interface WerckerPipelineDef {
	/** Source name. */
	name: string;
	id: string;
	pipelineName: string;
	public: boolean;
	createdAt: string;
	steps: readonly WerckerStepDef[];
}

export interface WerckerApplicationDef {
	/** Source name of the application source. */
	name: string;
	id: string;
	owner: string;
	app: string;
	pipelines: readonly string[];
}

export const WERCKER_PIPELINES: readonly WerckerPipelineDef[] = [
	{
		name: 'build',
		id: '5751377e7e1bd5f17f050bc3',
		pipelineName: 'build',
		public: false,
		createdAt: '2016-06-03T07:52:10.112Z',
		steps: [
			{step: 'get code', kind: 'checkout', seconds: [2, 6]},
			{step: 'setup environment', kind: 'setup', seconds: [4, 15]},
			{step: 'npm install', kind: 'install', seconds: [8, 30]},
			{step: 'npm test', kind: 'test', seconds: [10, 45]},
			{step: 'store', kind: 'build', seconds: [2, 8]},
		],
	},
	{
		name: 'deploy',
		id: '5751377e7e1bd5f17f050bc4',
		pipelineName: 'initial-build',
		public: true,
		createdAt: '2016-06-03T07:53:34.294Z',
		steps: [
			{step: 'get code', kind: 'checkout', seconds: [2, 6]},
			{step: 'setup environment', kind: 'setup', seconds: [4, 15]},
			{step: 'docker build', kind: 'docker', seconds: [10, 40]},
			{step: 'deploy', kind: 'deploy', seconds: [10, 40]},
			{step: 'notify', kind: 'notify', seconds: [1, 4]},
		],
	},
];

export const WERCKER_APPLICATION: WerckerApplicationDef = {
	name: 'shop',
	id: '5751377e7e1bd5f17f050bb0',
	owner: 'acme',
	app: 'shop',
	pipelines: ['build', 'deploy'],
};

export interface NfNodeDef {
	kind: string;
	ref: string;
	/** Containers: their children run one after another or together. */
	type?: 'sequential' | 'parallel';
	steps?: readonly NfNodeDef[];
	/** Leaves: what they wait on while running. */
	wait?: 'approval' | 'condition';
	seconds?: readonly [number, number];
	/** Leaves that may fail and be retried. */
	maxAttempts?: number;
	/** What the node says when it fails. */
	failure?: {code: string; message: string};
}

/** A release flow's git trigger, as its settings read (`GetReleaseflowrunResult.triggers`). */
export interface NfTriggerDef {
	ref: string;
	vcsService: 'github' | 'gitlab' | 'bitbucket';
	repoUrl: string;
	branchRestrictions: readonly string[];
}

export interface NfFlowDef {
	/** Source name. */
	name: string;
	projectId: string;
	pipelineId: string;
	stage: string;
	triggers: readonly NfTriggerDef[];
	root: NfNodeDef;
}

export const NORTHFLANK_TEAM = 'acme';
export const NORTHFLANK_PROJECT = {id: 'shop', pipelines: [{id: 'main', name: 'main', description: 'Shop services: staging then release'}]};

const leaf = (kind: string, ref: string, seconds: readonly [number, number], extra: Partial<NfNodeDef> = {}): NfNodeDef => ({kind, ref, seconds, ...extra});

export const NORTHFLANK_FLOWS: readonly NfFlowDef[] = [
	{
		name: 'shop-release',
		projectId: 'shop',
		pipelineId: 'main',
		stage: 'release',
		triggers: [
			{ref: 'api', vcsService: 'github', repoUrl: 'https://github.com/acme/shop-api', branchRestrictions: ['main', 'release/*']},
			{ref: 'worker', vcsService: 'github', repoUrl: 'https://github.com/acme/shop-worker', branchRestrictions: ['main']},
		],
		root: {
			kind: 'Workflow',
			ref: 'release',
			type: 'sequential',
			steps: [
				leaf('CopyBuild', 'promote-images', [5, 20], {failure: {code: 'BuildNotFound', message: 'build "api@3f2a91c" was not found in staging'}}),
				leaf('AwaitApproval', 'approve-release', [20, 90], {wait: 'approval', failure: {code: 'ApprovalRejected', message: 'release rejected by bob: "wait for the freeze to end"'}}),
				{
					kind: 'Workflow',
					ref: 'deploy',
					type: 'parallel',
					steps: [
						leaf('DeployBuild', 'deploy-api', [10, 40], {maxAttempts: 3, failure: {code: 'DeploymentFailed', message: 'container "api" exited with code 137 (OOMKilled)'}}),
						leaf('DeployBuild', 'deploy-worker', [10, 40], {maxAttempts: 3, failure: {code: 'DeploymentFailed', message: 'readiness probe failed: HTTP 503 on /healthz'}}),
					],
				},
				leaf('RunJob', 'migrate-db', [8, 30], {maxAttempts: 2, failure: {code: 'JobFailed', message: 'job exited with code 1: relation "orders" already exists'}}),
				leaf('AwaitCondition', 'wait-healthy', [5, 25], {wait: 'condition', failure: {code: 'ConditionTimeout', message: 'service "api" did not become healthy within 10m'}}),
			],
		},
	},
	{
		name: 'shop-staging',
		projectId: 'shop',
		pipelineId: 'main',
		stage: 'Staging',
		triggers: [{ref: 'api', vcsService: 'gitlab', repoUrl: 'https://gitlab.com/acme/shop-api', branchRestrictions: ['*']}],
		root: {
			kind: 'Workflow',
			ref: 'staging',
			type: 'sequential',
			steps: [
				leaf('StartBuild', 'build-api', [15, 50], {maxAttempts: 2, failure: {code: 'BuildFailed', message: 'Dockerfile:14 RUN npm ci: exit code 1'}}),
				leaf('DeployBuild', 'deploy-api', [10, 30], {maxAttempts: 3, failure: {code: 'DeploymentFailed', message: 'image pull backoff: manifest unknown'}}),
				leaf('RunJob', 'seed-data', [5, 20], {failure: {code: 'JobFailed', message: 'job exited with code 2'}}),
			],
		},
	},
];
