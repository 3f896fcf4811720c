import type { MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'content.image-only-lure',
  title: 'The message is a clickable picture with almost no text',
  description:
    'An HTML message whose visible text is a few words while it shows images and links: the lure is in the picture, where text filters cannot read it, and clicking anywhere leads away.',
  category: 'content',
  maxWeight: 15,
  references: ['https://en.wikipedia.org/wiki/Image_spam', 'https://attack.mitre.org/techniques/T1027/'],
  falsePositives: ['Marketing newsletters designed as one big image; greeting cards.'],
  gaps: ['The images are not read (no OCR); a message with a long invisible text block is not seen as image-only.'],
  evaluate(m) {
    if (!m.mail.html || m.links.length === 0) return [];
    const images = (m.mail.html.match(/<img\b/gi) ?? []).length;
    if (images === 0) return [];
    const words = m.mail.htmlText.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
    if (words > 15) return [];
    const outside = m.links.filter((l) => l.registrable !== m.fromRegistrable).length;
    if (outside === 0) return [];
    return [{ weight: 15, evidence: `HTML body with ${words} word(s) of text, ${images} image(s) and ${outside} link(s) to other domains`, plain: 'the message is mostly a clickable picture, which hides its text from filters' }];
  },
  cases: [
    { name: 'one image wrapped in a link', kind: 'true-positive', fires: true, mail: { from: 'Promo <p@example.org>', html: '<a href="https://offer.example.net/x"><img src="https://offer.example.net/banner.jpg"></a>' } },
    { name: 'text mail with a link', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', html: '<p>Here are the measurements from yesterday, the gain is flat across the band and the noise figure matches the datasheet.</p><a href="https://example.net/data">data</a>' } },
    { name: 'short text and an image but no link', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', html: '<p>Photo of the rack</p><img src="cid:1">' } },
  ],
};
