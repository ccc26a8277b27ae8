import { defineMessages } from '../../i18n/messages';

/** The report feature's texts, German first. */
export const messages = defineMessages(
  {
    'nav.report': 'Jahresbericht {year}',
    'report.title': 'Jahresbericht {year}',
    'report.intro': 'Entwurf der Stabsstelle Sozialplanung für den Kreistag: je Arbeitsgruppe ein Kapitel mit den übernommenen Handlungsempfehlungen.',
    'report.chapterText': 'Einleitung der Stabsstelle zu diesem Kapitel',
    'report.noEntries': 'Noch keine Handlungsempfehlungen übernommen.',
    'report.pushedAt': 'Übernommen am {date} von {name}',
    'report.revision': 'Fassung {n}',
    'report.openProposal': 'Zum Vorschlag',
    'report.toc': 'Inhalt',
    'report.count': { one: '{count} Empfehlung', other: '{count} Empfehlungen' },
  },
  {
    'nav.report': 'Annual report {year}',
    'report.title': 'Annual report {year}',
    'report.intro': 'Draft by the Stabsstelle Sozialplanung for the Kreistag: one chapter per working group with the pushed recommendations.',
    'report.chapterText': 'Stabsstelle introduction to this chapter',
    'report.noEntries': 'No recommendations pushed yet.',
    'report.pushedAt': 'Pushed on {date} by {name}',
    'report.revision': 'Version {n}',
    'report.openProposal': 'Open proposal',
    'report.toc': 'Contents',
    'report.count': { one: '{count} recommendation', other: '{count} recommendations' },
  },
);
