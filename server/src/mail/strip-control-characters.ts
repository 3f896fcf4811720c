// Text from a message on its way into storage and the pane: no NUL (PostgreSQL refuses it in text columns) and no
// other C0/C1 control character (terminal escapes, forged line breaks). Line breaks and tabs become spaces.

const whitespaceControls = /[\t\n\v\f\r\u0085]/g;
// eslint-disable-next-line no-control-regex
const otherControls = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

export function stripControlCharacters(s: string): string {
  return s.replace(whitespaceControls, ' ').replace(otherControls, '');
}
