import { defineMessages } from '../../i18n/messages';

/** The proposals feature's texts, German first. */
export const messages = defineMessages(
  {
    'proposal.pushByStaff': 'Die Stabsstelle übernimmt finale Empfehlungen in den Jahresbericht.',
    'proposal.title': 'Titel',
    'proposal.body': 'Vorschlag',
    'proposal.bodyHint': 'Ausgangslage, Analyse und Begründung',
    'proposal.recommendation': 'Handlungsempfehlung',
    'proposal.recommendationHint': 'Der Text, der in den Jahresbericht übernommen wird',
    'proposal.finalizedBy': 'Final seit {date} ({name})',
    'proposal.push': 'In den Jahresbericht übernehmen',
    'proposal.pushAgain': 'Im Jahresbericht aktualisieren',
    'proposal.pushed': 'Im Jahresbericht {year} übernommen am {date}.',
    'proposal.pushDone': 'Die Handlungsempfehlung steht jetzt im Jahresbericht {year}.',
    'proposal.push.not-final': 'Nur eine finale Handlungsempfehlung kann übernommen werden.',
    'proposal.push.empty': 'Die Handlungsempfehlung ist noch leer.',
    'proposal.notFound': 'Dieser Vorschlag wurde nicht gefunden.',
  },
  {
    'proposal.pushByStaff': 'The Stabsstelle pushes final recommendations into the annual report.',
    'proposal.title': 'Title',
    'proposal.body': 'Proposal',
    'proposal.bodyHint': 'Situation, analysis and reasoning',
    'proposal.recommendation': 'Recommendation',
    'proposal.recommendationHint': 'The text that goes into the annual report',
    'proposal.finalizedBy': 'Final since {date} ({name})',
    'proposal.push': 'Push into the annual report',
    'proposal.pushAgain': 'Update in the annual report',
    'proposal.pushed': 'In the annual report {year} since {date}.',
    'proposal.pushDone': 'The recommendation is now in the annual report {year}.',
    'proposal.push.not-final': 'Only a final recommendation can be pushed.',
    'proposal.push.empty': 'The recommendation is still empty.',
    'proposal.notFound': 'This proposal was not found.',
  },
);
