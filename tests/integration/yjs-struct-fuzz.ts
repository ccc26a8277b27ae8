import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { documentSchema } from '../../shared/schema/extensions.js';

/**
 * A structured fuzzer of Yjs updates (issue 8): real updates of an editor document are decoded
 * into their structs (Y.decodeUpdate), mutated at the struct level — client ids, clocks, origins,
 * parents, map keys, contents swapped between structs, sub-documents with odd options, GC
 * structs, delete ranges — and encoded again in update format v1.
 */

interface Struct {
  kind: 'item' | 'gc';
  client: number;
  clock: number;
  length: number;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  parent: string | Y.ID | null;
  parentSub: string | null;
  /** Writes the content (after the info byte and references); null for GC. */
  content: { ref: number; write: (encoder: Y.UpdateEncoderV1) => void } | null;
}

interface Decoded {
  structs: Struct[];
  deletes: { client: number; clock: number; len: number }[];
}

function fromYjs(update: Uint8Array): Decoded {
  const { structs, ds } = Y.decodeUpdate(update);
  const out: Struct[] = [];
  for (const struct of structs) {
    if (struct instanceof Y.Item) {
      const parent = struct.parent as unknown;
      out.push({
        kind: 'item',
        client: struct.id.client,
        clock: struct.id.clock,
        length: struct.length,
        origin: struct.origin,
        rightOrigin: struct.rightOrigin,
        parent: typeof parent === 'string' || parent instanceof Y.ID ? parent : null,
        parentSub: struct.parentSub,
        content: { ref: struct.content.getRef(), write: (encoder) => struct.content.write(encoder, 0) },
      });
    } else if (struct instanceof Y.GC) {
      out.push({ kind: 'gc', client: struct.id.client, clock: struct.id.clock, length: struct.length, origin: null, rightOrigin: null, parent: null, parentSub: null, content: null });
    }
  }
  const deletes: Decoded['deletes'] = [];
  for (const [client, items] of ds.clients) {
    for (const item of items) {
      deletes.push({ client, clock: item.clock, len: item.len });
    }
  }
  return { structs: out, deletes };
}

function toUpdate({ structs, deletes }: Decoded): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.client) ?? [];
    list.push(struct);
    byClient.set(struct.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]?.clock ?? 0);
    for (const struct of list) {
      if (struct.kind === 'gc' || struct.content === null) {
        encoder.writeInfo(0);
        encoder.writeLen(struct.length);
        continue;
      }
      const info = (struct.content.ref & 0b11111) | (struct.origin === null ? 0 : 0b10000000) | (struct.rightOrigin === null ? 0 : 0b1000000) | (struct.parentSub === null ? 0 : 0b100000);
      encoder.writeInfo(info);
      if (struct.origin !== null) {
        encoder.writeLeftID(struct.origin);
      }
      if (struct.rightOrigin !== null) {
        encoder.writeRightID(struct.rightOrigin);
      }
      if (struct.origin === null && struct.rightOrigin === null) {
        if (typeof struct.parent === 'string' || struct.parent === null) {
          encoder.writeParentInfo(true);
          encoder.writeString(struct.parent ?? 'body');
        } else {
          encoder.writeParentInfo(false);
          encoder.writeLeftID(struct.parent);
        }
        if (struct.parentSub !== null) {
          encoder.writeString(struct.parentSub);
        }
      }
      struct.content.write(encoder);
    }
  }
  const ds = new Map<number, { clock: number; len: number }[]>();
  for (const d of deletes) {
    const list = ds.get(d.client) ?? [];
    list.push(d);
    ds.set(d.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, list] of ds) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    for (const d of list) {
      encoding.writeVarUint(encoder.restEncoder, d.clock);
      encoding.writeVarUint(encoder.restEncoder, d.len);
    }
  }
  return encoder.toUint8Array();
}

/** Raw contents the app never writes, or writes differently, for swapping in. */
const oddContents: Struct['content'][] = [
  // Sub-document whose options are null / not an object (the crash the attack run found).
  { ref: 9, write: (e) => { e.writeString('sub'); e.writeAny(null); } },
  { ref: 9, write: (e) => { e.writeString('sub'); e.writeAny(7); } },
  // Embed whose JSON is null, and an object embed.
  { ref: 5, write: (e) => e.writeJSON(null) },
  { ref: 5, write: (e) => e.writeJSON({ image: 'x' }) },
  // Formats: unknown mark, mark with a string value, a real mark.
  { ref: 6, write: (e) => { e.writeKey('blink'); e.writeJSON({}); } },
  { ref: 6, write: (e) => { e.writeKey('bold'); e.writeJSON('yes'); } },
  { ref: 6, write: (e) => { e.writeKey('italic'); e.writeJSON({}); } },
  // Types: unknown element, XmlText, XmlHook, Y.Map.
  { ref: 7, write: (e) => { e.writeTypeRef(3); e.writeKey('script'); } },
  { ref: 7, write: (e) => { e.writeTypeRef(6); } },
  { ref: 7, write: (e) => { e.writeTypeRef(5); e.writeKey('hook'); } },
  { ref: 7, write: (e) => { e.writeTypeRef(1); } },
  { ref: 4, write: (e) => e.writeString('Angriff') },
  { ref: 8, write: (e) => { e.writeLen(1); e.writeAny({ a: [1, 2] }); } },
  { ref: 1, write: (e) => e.writeLen(3) },
];

/** An editor document (paragraphs, heading, marks, list, table), a map and an array, as real updates. */
export function seedUpdates(clientId = 7001): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  prosemirrorJSONToYXmlFragment(
    documentSchema(),
    {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Im Kreis ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'Pinneberg' }, { type: 'text', text: ' leben viele.' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kita' }] }] }] },
      ],
    },
    doc.getXmlFragment('body'),
  );
  doc.getMap('meta').set('title', 'Antrag');
  // Not `status`: the old status is the server's (the lifecycle extension refuses it from clients).
  doc.getMap('meta').set('note', 'draft');
  doc.getArray('log').push([{ at: 1 }, 'zwei']);
  const text = doc.getXmlFragment('body').get(1);
  if (text instanceof Y.XmlElement) {
    const inner = text.get(0);
    if (inner instanceof Y.XmlText) {
      inner.delete(0, 3);
      inner.insert(0, 'In ', { italic: {} });
    }
  }
  return { doc, updates };
}

/** One structured mutation of a random seed update (1–4 changes). */
export function mutateUpdate(seeds: readonly Uint8Array[], random: () => number): Uint8Array {
  const pickIndex = (n: number): number => Math.floor(random() * n);
  const decoded = fromYjs(seeds[pickIndex(seeds.length)] as Uint8Array);
  const all = seeds.flatMap((seed) => fromYjs(seed).structs);
  const ids = all.map((s) => Y.createID(s.client, s.clock + pickIndex(Math.max(1, s.length))));
  const randomId = (): Y.ID => (random() < 0.8 ? (ids[pickIndex(ids.length)] as Y.ID) : Y.createID(pickIndex(5), pickIndex(50)));
  const rounds = 1 + pickIndex(4);
  for (let r = 0; r < rounds; r++) {
    const target = decoded.structs[pickIndex(Math.max(1, decoded.structs.length))];
    const kind = pickIndex(11);
    if (target === undefined || kind === 10) {
      decoded.deletes.push({ client: (ids[pickIndex(ids.length)] as Y.ID).client, clock: pickIndex(60), len: 1 + pickIndex(20) });
      continue;
    }
    switch (kind) {
      case 0:
        target.client = random() < 0.5 ? (ids[pickIndex(ids.length)] as Y.ID).client : pickIndex(2 ** 31);
        break;
      case 1:
        target.clock = Math.max(0, target.clock + pickIndex(20) - 10);
        break;
      case 2:
        target.origin = random() < 0.3 ? null : randomId();
        break;
      case 3:
        target.rightOrigin = random() < 0.3 ? null : randomId();
        break;
      case 4:
        target.origin = null;
        target.rightOrigin = null;
        target.parent = random() < 0.5 ? randomId() : (['body', 'meta', 'log', 'recommendation'][pickIndex(4)] as string);
        break;
      case 5:
        target.parentSub = random() < 0.5 ? null : (['title', 'level', 'x'][pickIndex(3)] as string);
        break;
      case 6: {
        const other = all[pickIndex(all.length)];
        if (other?.content) {
          target.kind = 'item';
          target.content = other.content;
          target.length = other.length;
        }
        break;
      }
      case 7:
        target.kind = 'item';
        target.content = oddContents[pickIndex(oddContents.length)] ?? null;
        target.length = 1;
        break;
      case 8:
        target.kind = 'gc';
        target.content = null;
        target.length = 1 + pickIndex(30);
        break;
      default:
        decoded.structs.splice(pickIndex(decoded.structs.length), 1);
    }
  }
  return toUpdate(decoded);
}
