/** True when a ProseMirror JSON document contains any text or a non-paragraph block. */
export function hasContent(json: Record<string, unknown>): boolean {
  const content = json['content'];
  if (!Array.isArray(content)) {
    return false;
  }
  return content.some((node: unknown) => {
    if (typeof node !== 'object' || node === null) {
      return false;
    }
    const n = node as Record<string, unknown>;
    return n['type'] !== 'paragraph' || Array.isArray(n['content']);
  });
}
