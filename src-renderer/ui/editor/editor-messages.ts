import { defineMessages } from '../../i18n/messages';

/** Texts of the editor beyond the shared ones in common-messages.ts. */
export const editorMessages = defineMessages(
  {
    'editor.unrenderable':
      'Dieses Dokument enthält Inhalte, die der Editor nicht darstellen kann. Es wird deshalb nur zum Lesen geöffnet, damit nichts verloren geht; nicht darstellbare Stellen sind markiert. Bitte wenden Sie sich an die Administration.',
    'editor.unrenderableDetail': 'Grund: {reason}',
    'editor.table.rowBefore': 'Zeile darüber',
    'editor.table.rowAfter': 'Zeile darunter',
    'editor.table.colBefore': 'Spalte links',
    'editor.table.colAfter': 'Spalte rechts',
    'editor.table.deleteRow': 'Zeile löschen',
    'editor.table.deleteCol': 'Spalte löschen',
    'editor.table.header': 'Kopfzeile',
    'editor.table.delete': 'Tabelle löschen',
    'editor.table.controls': 'Tabelle',
  },
  {
    'editor.unrenderable':
      'This document holds content the editor cannot display. It is therefore opened read-only so that nothing is lost; the parts that cannot be displayed are marked. Please contact the administrators.',
    'editor.unrenderableDetail': 'Reason: {reason}',
    'editor.table.rowBefore': 'Row above',
    'editor.table.rowAfter': 'Row below',
    'editor.table.colBefore': 'Column left',
    'editor.table.colAfter': 'Column right',
    'editor.table.deleteRow': 'Delete row',
    'editor.table.deleteCol': 'Delete column',
    'editor.table.header': 'Header row',
    'editor.table.delete': 'Delete table',
    'editor.table.controls': 'Table',
  },
);
