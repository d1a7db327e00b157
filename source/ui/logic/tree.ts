import type {RunNode} from '../../model/run.js';

/** One row of the run tree: a node, or one of a node's error messages under it. */
export interface TreeRow {
	/** Unique among the rows: the node id, or the node id plus the message's place. */
	id: string;
	kind: 'node' | 'error';
	node: RunNode;
	depth: number;
	hasChildren: boolean;
	open: boolean;
	parentId: string | null;
	/** The message, for error rows. */
	message: string | null;
}

/** Work in progress and failures start unfolded; the rest (queued ones too) start folded. */
export function openByDefault(node: RunNode): boolean {
	return node.status === 'running' || node.status === 'failed' || node.status === 'unknown';
}

function ordered(nodes: readonly RunNode[]): readonly RunNode[] {
	if (!nodes.some((node) => node.order !== null)) return nodes;
	return [...nodes].sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER));
}

export function errorRowId(nodeId: string, index: number): string {
	return `${nodeId}\u0000${index}`;
}

/**
 * The visible rows of a tree, depth first. `folds` holds the user's choices by node id;
 * nodes without a choice follow openByDefault. Error messages stay visible when a node is folded.
 */
export function flattenTree(nodes: readonly RunNode[], folds: ReadonlyMap<string, boolean>): TreeRow[] {
	const rows: TreeRow[] = [];
	const visit = (list: readonly RunNode[], depth: number, parentId: string | null) => {
		for (const node of ordered(list)) {
			const hasChildren = node.children.length > 0;
			const open = hasChildren && (folds.get(node.id) ?? openByDefault(node));
			rows.push({id: node.id, kind: 'node', node, depth, hasChildren, open, parentId, message: null});
			node.errors.forEach((message, index) => {
				rows.push({
					id: errorRowId(node.id, index),
					kind: 'error',
					node,
					depth: depth + 1,
					hasChildren: false,
					open: false,
					parentId: node.id,
					message,
				});
			});
			if (open) visit(node.children, depth + 1, node.id);
		}
	};
	visit(nodes, 0, null);
	return rows;
}
