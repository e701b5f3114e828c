/** Service cards as text, and tap-to-call links that dial from any phone. */
import { telUri } from '../../src/conversation/service-card-text';

test.each([
  ['0800 1111', 'tel:08001111'],
  ['+48 22 628 01 20', 'tel:+48226280120'],
  ['+44 (0)20 7008 0151', 'tel:+442070080151'],
  ['1-888-373-7888', 'tel:18883737888'],
  [' 116 111 ', 'tel:116111'],
])('%s dials as %s', (phone, uri) => {
  expect(telUri(phone)).toBe(uri);
});
