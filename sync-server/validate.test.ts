import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MalformedPayloadError, validateAwarenessUpdate, validateStateVector, validateUpdate } from './validate.js';

/** A document using every kind of content Yjs can encode. */
function richDoc(): Y.Doc {
  const doc = new Y.Doc();
  const text = doc.getText('text');
  text.insert(0, 'Hallo Kreis Pinneberg');
  text.format(0, 5, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  const map = doc.getMap('map');
  map.set('zahl', 1234.5);
  map.set('liste', [1, 'zwei', null, { drei: true }]);
  map.set('bytes', new Uint8Array([1, 2, 3]));
  map.set('groß', 2n ** 70n);
  map.set('sub', new Y.Doc());
  const fragment = doc.getXmlFragment('prosemirror');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('align', 'left');
  paragraph.insert(0, [new Y.XmlText('Absatz')]);
  fragment.insert(0, [paragraph]);
  // XmlHook is a valid fragment child at run time, though yjs' types do not admit it.
  fragment.insert(1, [new Y.XmlHook('hook') as unknown as Y.XmlElement]);
  const array = doc.getArray('array');
  array.insert(0, [new Y.Map(), new Y.Array(), new Y.Text('t')]);
  text.delete(1, 2);
  return doc;
}

describe('validateUpdate', () => {
  it('accepts updates with every kind of content, including incremental ones', () => {
    const doc = richDoc();
    validateUpdate(Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    doc.getText('text').insert(0, 'Neu ');
    doc.getArray('array').delete(0, 1);
    validateUpdate(Y.encodeStateAsUpdate(doc, before));
    validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
    validateUpdate(Y.mergeUpdates([Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(richDoc())]));
  });

  it('rejects every truncation and trailing garbage', () => {
    const update = Y.encodeStateAsUpdate(richDoc());
    for (let length = 0; length < update.length; length++) {
      expect(() => validateUpdate(update.slice(0, length)), `truncated to ${length}`).toThrow(MalformedPayloadError);
    }
    expect(() => validateUpdate(new Uint8Array([...update, 0]))).toThrow(/trailing/);
  });

  it('rejects unknown content and type refs', () => {
    // one client, one struct, client 1, clock 0, info 0x0b (content ref 11), parent key "t"
    expect(() => validateUpdate(new Uint8Array([1, 1, 1, 0, 0x0b, 1, 1, 0x74, 0, 0]))).toThrow(/content ref 11/);
    // content ref 7 (type) with type ref 9
    expect(() => validateUpdate(new Uint8Array([1, 1, 1, 0, 0x07, 1, 1, 0x74, 9, 0]))).toThrow(/type ref 9/);
  });

  it('rejects references to later items of the same client and empty ranges', () => {
    // client 7: item at clock 0 whose origin is (7, 3)
    expect(() => validateUpdate(new Uint8Array([1, 1, 7, 0, 0x84, 7, 3, 1, 0x61, 0]))).toThrow(/later item/);
    // no structs; delete set for client 7 with the range [4, 4+0)
    expect(() => validateUpdate(new Uint8Array([0, 1, 7, 1, 4, 0]))).toThrow(/empty delete range/);
  });

  it('never lets a corrupted update through that Yjs would fail on', () => {
    const base = richDoc();
    const update = Y.encodeStateAsUpdate(base);
    for (let i = 0; i < update.length; i++) {
      for (const value of [0x00, 0x07, 0x7f, 0x80, 0xff]) {
        const corrupted = update.slice();
        corrupted[i] = value;
        let valid = true;
        try {
          validateUpdate(corrupted);
        } catch {
          valid = false;
        }
        if (valid) {
          // What passes must be decodable and applicable by Yjs itself.
          expect(() => Y.decodeUpdate(corrupted)).not.toThrow();
          const target = new Y.Doc();
          Y.applyUpdate(target, update);
          expect(() => Y.applyUpdate(target, corrupted), `byte ${i} = ${value}`).not.toThrow();
        }
      }
    }
  });
});

describe('validateStateVector', () => {
  it('accepts real state vectors and rejects truncated ones', () => {
    const sv = Y.encodeStateVector(richDoc());
    validateStateVector(sv);
    validateStateVector(Y.encodeStateVector(new Y.Doc()));
    for (let length = 0; length < sv.length; length++) {
      expect(() => validateStateVector(sv.slice(0, length))).toThrow(MalformedPayloadError);
    }
  });
});

describe('validateAwarenessUpdate', () => {
  it('decodes a real update and rejects broken ones', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Jörg' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(validateAwarenessUpdate(update)).toEqual([{ clientId: doc.clientID, clock: 1, state: { user: { name: 'Jörg' } }, chars: JSON.stringify({ user: { name: 'Jörg' } }).length }]);
    for (let length = 0; length < update.length; length++) {
      expect(() => validateAwarenessUpdate(update.slice(0, length))).toThrow(MalformedPayloadError);
    }
    // state that is not JSON
    expect(() => validateAwarenessUpdate(new Uint8Array([1, 5, 1, 2, 0x7b, 0x7b]))).toThrow(MalformedPayloadError);
    awareness.destroy();
  });
});
