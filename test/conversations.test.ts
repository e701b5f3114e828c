/** Runs every transcript in test/conversations/ in each language it lists. */
import path from 'node:path';
import { languagesOf, readTranscripts, runTranscript } from './support/transcripts';

for (const { file, transcript } of readTranscripts()) {
  describe(`${path.basename(file)}: ${transcript.title}`, () => {
    for (const lang of languagesOf(transcript)) {
      test(lang, () => runTranscript(transcript, lang, file));
    }
  });
}
