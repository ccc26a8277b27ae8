import type { ComponentType } from 'react';
import type { AnyRoute } from '@tanstack/react-router';
import type { MessageBundle } from '../i18n/messages';

/** A feature's entry in the main navigation. */
export interface NavEntry {
  /** The route path the entry links to, e.g. '/report'. */
  to: string;
  /** Position in the navigation (lower first). */
  order: number;
  /** The entry's text; a component, so it can use the feature's messages and the app context. */
  Label: ComponentType;
  /** Whether the entry is the current page for a path (e.g. groups for '/group/…' too). */
  isActive: (pathname: string) => boolean;
}

/** What a feature folder offers the app through its index.ts: routes, nav entry, messages, styles. */
export interface Feature {
  id: string;
  /** Routes below the root route; their components render inside the app frame. */
  routes: readonly AnyRoute[];
  nav?: NavEntry;
  /** Shown above every page while the workspace is open (e.g. a background job's status). */
  Banner?: ComponentType;
  messages: MessageBundle<unknown>;
  /** The feature's CSS module (class names), for features that build on each other's look. */
  styles?: Readonly<Record<string, string>>;
}
