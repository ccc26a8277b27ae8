/** Names of the Y.XmlFragments and maps inside the collaborative documents. */
export const Fragment = {
  /** Proposal: the argument (Begründung, Analyse). */
  proposalBody: 'body',
  /** Proposal: the recommendation (Handlungsempfehlung) that is pushed into the report. */
  proposalRecommendation: 'recommendation',
  /** Report: the Stabsstelle's own text of a group's chapter. */
  reportChapter: (groupId: string): string => `chapter:${groupId}`,
} as const;

/** Names of the Y.Maps inside the collaborative documents. */
export const MapName = {
  meta: 'meta',
  groups: 'groups',
  proposals: 'proposals',
  recommendations: 'recommendations',
  datasets: 'datasets',
  file: 'file',
} as const;
