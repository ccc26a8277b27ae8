/** Indicator snapshots as the editor uses them: the insert dialog and the node's view. */
export { SnapshotDialog } from './SnapshotDialog';
export { SnapshotNodeView } from './SnapshotNodeView';
