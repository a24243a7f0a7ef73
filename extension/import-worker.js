// Rapport's archive import worker: reads an X archive in wasm away from the options page's
// main thread, so the page never freezes; the page shows its progress and can terminate it
// (cancel). Nothing is stored here: the result goes back to the page, which hands it to the
// background, the one writer.
import init, { ArchiveImport, archive_is_data_file } from './pkg/rapport_pages.js';

const POSTS_PER_STEP = 250;
const post = (msg) => self.postMessage(msg);

// Reads the picked files: one archive .zip a slice at a time (its media are never read), or
// the data files of the archive's folder.
function read(files) {
  const reader = new FileReaderSync();
  const path = (f) => f.webkitRelativePath || f.name;
  if (files.length === 1 && !archive_is_data_file(path(files[0]))) {
    const zip = files[0];
    let read = 0;
    return ArchiveImport.from_zip(zip.name, zip.size, (pos, len) => {
      read += len;
      post({ type: 'progress', stage: 'read', done: Math.min(read, zip.size), total: zip.size });
      return new Uint8Array(reader.readAsArrayBuffer(zip.slice(pos, pos + len)));
    });
  }
  const wanted = files.filter((f) => archive_is_data_file(path(f)));
  const total = wanted.reduce((n, f) => n + f.size, 0);
  let done = 0;
  const bytes = wanted.map((f) => {
    const b = new Uint8Array(reader.readAsArrayBuffer(f));
    done += f.size;
    post({ type: 'progress', stage: 'read', done, total });
    return b;
  });
  // An empty pick still goes to Rust, which says what is missing.
  return ArchiveImport.from_files(wanted.map(path), bytes);
}

self.onmessage = async ({ data }) => {
  try {
    await init({ module_or_path: new URL('./pkg/rapport_pages_bg.wasm', import.meta.url) });
    const started = performance.now();
    const im = read(data.files);
    const total = im.total();
    for (let done = 0; done < total;) {
      done = im.step(POSTS_PER_STEP);
      post({ type: 'progress', stage: 'posts', done, total });
    }
    const result = im.finish();
    post({ type: 'done', result, ms: Math.round(performance.now() - started) });
  } catch (e) {
    post({ type: 'error', message: String(e && e.message || e) });
  }
};
