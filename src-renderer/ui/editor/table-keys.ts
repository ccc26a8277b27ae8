import { Extension } from '@tiptap/core';

/**
 * Keyboard commands for tables, next to the toolbar's table controls. Ctrl+Alt+arrow adds a row
 * or column on that side; Ctrl+Alt+Backspace deletes the row, with Shift the column. (Ctrl+Alt is
 * AltGr on German keyboards, but AltGr with arrows or Backspace types no character.)
 */
export const TABLE_SHORTCUTS = {
  rowBefore: 'Control+Alt+ArrowUp',
  rowAfter: 'Control+Alt+ArrowDown',
  colBefore: 'Control+Alt+ArrowLeft',
  colAfter: 'Control+Alt+ArrowRight',
  deleteRow: 'Control+Alt+Backspace',
  deleteCol: 'Control+Alt+Shift+Backspace',
} as const;

export const TableKeys = Extension.create({
  name: 'tableKeys',
  addKeyboardShortcuts() {
    const inTable = (): boolean => this.editor.isActive('table');
    return {
      'Mod-Alt-ArrowUp': () => inTable() && this.editor.commands.addRowBefore(),
      'Mod-Alt-ArrowDown': () => inTable() && this.editor.commands.addRowAfter(),
      'Mod-Alt-ArrowLeft': () => inTable() && this.editor.commands.addColumnBefore(),
      'Mod-Alt-ArrowRight': () => inTable() && this.editor.commands.addColumnAfter(),
      'Mod-Alt-Backspace': () => inTable() && this.editor.commands.deleteRow(),
      'Mod-Alt-Shift-Backspace': () => inTable() && this.editor.commands.deleteColumn(),
    };
  },
});
