import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentProblem, fragmentFacts } from './content-rules';
import { documentSchema } from './extensions';

function editorDoc(): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    documentSchema(),
    {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', marks: [{ type: 'bold' }], text: 'Kreis' },
            { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://www.kreis-pinneberg.de' } }], text: ' Pinneberg' },
          ],
        },
      ],
    },
    doc.getXmlFragment('body'),
  );
  return doc;
}

describe('editor content rules', () => {
  it('accept what the editor writes', () => {
    expect(contentProblem(fragmentFacts(editorDoc().getXmlFragment('body')))).toBeNull();
    // Overlapping marks of one type carry a hash suffix.
    expect(contentProblem({ elementNames: [], formats: [{ key: 'link--AbCd12+/', value: { href: 'x' } }, { key: 'bold', value: null }], embeds: 0 })).toBeNull();
  });

  it('find embeds, unknown nodes and unknown or malformed marks, also in a stored document', () => {
    const doc = editorDoc();
    const paragraph = doc.getXmlFragment('body').get(1) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insertEmbed(text.length, {});
    expect(contentProblem(fragmentFacts(doc.getXmlFragment('body')))).toMatch(/embed/);
    expect(contentProblem({ elementNames: ['script'], formats: [], embeds: 0 })).toMatch(/unknown node/);
    expect(contentProblem({ elementNames: [], formats: [{ key: 'blink', value: {} }], embeds: 0 })).toMatch(/unknown mark/);
    expect(contentProblem({ elementNames: [], formats: [{ key: 'bold', value: 'ja' }], embeds: 0 })).toMatch(/invalid mark attributes/);
    doc.getXmlFragment('body').insert(0, [new Y.XmlElement('marquee')]);
    expect(contentProblem(fragmentFacts(doc.getXmlFragment('body')))).toMatch(/unknown node|embed/);
  });
});
