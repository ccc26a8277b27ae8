import { defineMessages } from '../../i18n/messages';

/** The groups feature's texts, German first. */
export const messages = defineMessages(
  {
    'groups.title': 'Arbeitsgruppen',
    'groups.intro': 'Wählen Sie eine Arbeitsgruppe, um ihre Vorschläge zu sehen und zu bearbeiten.',
    'groups.empty': 'Noch keine Arbeitsgruppen. Sie werden vom Sync-Server bereitgestellt – prüfen Sie die Verbindung.',
    'groups.proposalCount': { one: '{count} Vorschlag', other: '{count} Vorschläge' },
    'group.proposals': 'Vorschläge',
    'group.new': 'Neuer Vorschlag',
    'group.newTitle': 'Titel des Vorschlags',
    'group.create': 'Anlegen',
    'group.cancel': 'Abbrechen',
    'group.empty': 'Diese Arbeitsgruppe hat noch keine Vorschläge. Legen Sie den ersten an.',
    'group.notFound': 'Diese Arbeitsgruppe gibt es nicht (mehr).',
    'group.createdBy': 'angelegt von {name} am {date}',
  },
  {
    'groups.title': 'Working groups',
    'groups.intro': 'Choose a working group to see and edit its proposals.',
    'groups.empty': 'No working groups yet. They come from the sync server – check the connection.',
    'groups.proposalCount': { one: '{count} proposal', other: '{count} proposals' },
    'group.proposals': 'Proposals',
    'group.new': 'New proposal',
    'group.newTitle': 'Title of the proposal',
    'group.create': 'Create',
    'group.cancel': 'Cancel',
    'group.empty': 'This working group has no proposals yet. Create the first one.',
    'group.notFound': 'This working group does not exist (any more).',
    'group.createdBy': 'created by {name} on {date}',
  },
);
