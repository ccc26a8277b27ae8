import { groupsFeature } from '../features/groups';
import { indicatorsFeature } from '../features/indicators';
import { lifecycleFeature } from '../features/lifecycle';
import { proposalsFeature } from '../features/proposals';
import { reportFeature } from '../features/report';
import { workshopFeature } from '../features/workshop';

/**
 * The features of the workspace. Adding one: create src-renderer/features/<name>/ with an index.ts
 * exporting a Feature (routes, nav entry, messages, styles) and list it here; its routes join the tree.
 */
export const features = [groupsFeature, proposalsFeature, reportFeature, indicatorsFeature, workshopFeature, lifecycleFeature] as const;
