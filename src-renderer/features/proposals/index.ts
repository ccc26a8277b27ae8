import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { proposalRoute } from './routes';
import styles from './proposals.module.css';

/** Proposals: live co-authoring, status, and the push of the recommendation into the report. No nav entry: reached from its group. */
export const proposalsFeature = {
  id: 'proposals',
  routes: [proposalRoute] as const,
  messages,
  styles,
} satisfies Feature;
