import type { SourceFile } from '../../../../../common/import/read-sources';

/** Files the person dropped or picked, as the import reads them: size first, bytes only when asked. */
export function pickedFiles(files: FileList | readonly File[]): SourceFile[] {
  return [...files].map((file) => ({
    name: file.name,
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}
